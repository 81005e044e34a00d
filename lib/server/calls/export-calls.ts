import "server-only";
import { formatDuration } from "@/lib/format";
import { csvLine } from "@/lib/server/reports/csv";
import type { CallLogFilters } from "@/lib/validations/call-log";
import { searchCalls, type CallLogRow } from "./search-calls";

/** Upper bound of one export; larger periods should be split (the UI says so). */
export const MAX_EXPORT_ROWS = 200_000;
const BATCH = 2_000;

const HEADER = ["Started (UTC)", "Call SID", "Direction", "From", "To", "Contact", "Queue", "Agent", "Status", "Outcome", "Disposition", "Wait (s)", "Duration (s)", "Duration", "Recording"];

function line(r: CallLogRow): string {
  return csvLine([
    r.startedAt.toISOString(), r.callSid, r.direction, r.from, r.to, r.contactName, r.queueName, r.agentName,
    r.status, r.outcome, r.disposition, r.queueSeconds, r.durationSeconds, formatDuration(r.durationSeconds),
    r.hasRecording ? "yes" : "no",
  ]);
}

/** Streams the filtered call log as CSV, page by page on the same keyset the UI uses. */
export function exportCallsCsv(filters: CallLogFilters, timeZone: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined = filters.cursor;
  let sent = 0;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(HEADER)));
        return;
      }
      const page = await searchCalls({ ...filters, cursor, limit: BATCH }, timeZone);
      const rows = page.rows.slice(0, MAX_EXPORT_ROWS - sent);
      if (rows.length > 0) controller.enqueue(encoder.encode(rows.map(line).join("")));
      sent += rows.length;
      if (!page.nextCursor || sent >= MAX_EXPORT_ROWS) controller.close();
      else cursor = page.nextCursor;
    },
  });
}
