import { withAuth } from "@/lib/server/auth/with-auth";
import { parseParam } from "@/lib/server/http/parse-body";
import { parseByteRange } from "@/lib/server/recordings/byte-range";
import { assertCanPlayRecording, loadRecordingMedia } from "@/lib/server/recordings/load-recording-media";
import { recordingSidSchema } from "@/lib/validations/call-control";

export const dynamic = "force-dynamic";

/**
 * A recording's audio (WAV) for signed-in staff allowed to hear it, with byte ranges for seeking.
 * `?download=1` asks the browser to save it instead of playing it.
 */
export const GET = withAuth<{ recordingSid: string }>(async (request, { user, params }) => {
  const recordingSid = parseParam(params.recordingSid, recordingSidSchema);
  await assertCanPlayRecording(user, recordingSid);
  const body = await loadRecordingMedia(recordingSid);
  const download = request.nextUrl.searchParams.get("download") === "1";
  const headers: Record<string, string> = {
    "content-type": "audio/wav",
    "accept-ranges": "bytes",
    "cache-control": "private, no-store",
    "content-disposition": `${download ? "attachment" : "inline"}; filename="${recordingSid}.wav"`,
  };
  const range = parseByteRange(request.headers.get("range"), body.length);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${body.length}` } });
  }
  if (range) {
    const slice = body.subarray(range.start, range.end + 1);
    return new Response(new Uint8Array(slice), {
      status: 206,
      headers: { ...headers, "content-length": String(slice.length), "content-range": `bytes ${range.start}-${range.end}/${body.length}` },
    });
  }
  return new Response(new Uint8Array(body), { status: 200, headers: { ...headers, "content-length": String(body.length) } });
});
