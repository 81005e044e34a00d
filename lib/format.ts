import { parsePhoneNumberFromString } from "libphonenumber-js";

/** "0:42", "12:05", "1:02:03" */
export function formatDuration(totalSeconds: number | null | undefined): string {
  if (totalSeconds == null || !Number.isFinite(totalSeconds)) return "—";
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** Human form of an address: "+1 415 555 0199", "alice" for client:alice, as-is otherwise. */
export function formatAddress(address: string | null | undefined): string {
  if (!address) return "—";
  if (address.startsWith("client:")) return address.slice("client:".length);
  const bare = address.replace(/^whatsapp:/, "");
  const parsed = parsePhoneNumberFromString(bare);
  return parsed?.isValid() ? parsed.formatInternational() : address;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: "dateTime" | "time" | "date", timeZone?: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    const style: Intl.DateTimeFormatOptions =
      kind === "dateTime" ? { dateStyle: "medium", timeStyle: "short" } : kind === "time" ? { timeStyle: "short" } : { dateStyle: "medium" };
    f = new Intl.DateTimeFormat("en-US", { ...style, timeZone });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Dates are shown in the business time zone when one is given (server-rendered pages pass it,
 * so everyone on the floor reads the same clock), otherwise in the runtime's zone.
 */
export function formatDateTime(date: Date | string | null | undefined, timeZone?: string): string {
  if (!date) return "—";
  return formatter("dateTime", timeZone).format(new Date(date));
}

export function formatTime(date: Date | string | null | undefined, timeZone?: string): string {
  if (!date) return "—";
  return formatter("time", timeZone).format(new Date(date));
}

export function formatDate(date: Date | string | null | undefined, timeZone?: string): string {
  if (!date) return "—";
  return formatter("date", timeZone).format(new Date(date));
}

export function formatPercent(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return "—";
  return `${Math.round(value * 100)}%`;
}
