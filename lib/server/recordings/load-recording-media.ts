import "server-only";
/**
 * Recording audio for the browser, never through a public media URL: the app fetches the WAV
 * from Twilio (or the sandbox) with the account's credentials and serves it from its own
 * authorised route. Twilio accepts HTTP Basic auth on media URLs (required when "Enforce HTTP
 * Auth on Media URLs" is on); the sandbox serves WAV only, which Twilio also serves.
 * https://www.twilio.com/docs/voice/api/recording#fetch-a-recording-media-file
 *
 * Players ask for byte ranges (seek), so recent files are kept in a small in-memory cache
 * bounded by total size instead of being fetched again for every range.
 */
import { AppError } from "@/lib/errors";
import { hasRole, SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { mayHearVoicemail } from "@/lib/server/recordings/voicemail-access";
import { getTwilioAccount } from "@/lib/server/twilio/config";
import { rewriteForSandbox } from "@/lib/server/twilio/http-client";

const CACHE_BYTES = 48 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 20_000;
const cache = new Map<string, Buffer>();
let cachedBytes = 0;

function remember(sid: string, body: Buffer) {
  if (body.length > CACHE_BYTES / 4) return;
  cache.delete(sid);
  cache.set(sid, body);
  cachedBytes += body.length;
  for (const [key, value] of cache) {
    if (cachedBytes <= CACHE_BYTES) break;
    cache.delete(key);
    cachedBytes -= value.length;
  }
}

/**
 * Who may play a recording: supervisors and admins any; an agent the recordings of calls they
 * handled, and voicemails that were theirs to work (see voicemail-access). Unknown SIDs are 404
 * for everyone, so SIDs cannot be probed.
 */
export async function assertCanPlayRecording(user: SessionUser, recordingSid: string) {
  const recording = await db.recording.findUnique({
    where: { recordingSid },
    select: { recordingSid: true, status: true, call: { select: { agentId: true } }, voicemail: { select: { handledById: true, taskSid: true } } },
  });
  if (!recording) throw new AppError("not_found", "That recording does not exist.");
  if (recording.voicemail && (await mayHearVoicemail(user, recording.voicemail))) return recording;
  if (!hasRole(user.role, SUPERVISOR_ROLES) && recording.call?.agentId !== user.id) {
    throw new AppError("forbidden", "You can only play recordings of your own calls.");
  }
  return recording;
}

export async function loadRecordingMedia(recordingSid: string): Promise<Buffer> {
  const cached = cache.get(recordingSid);
  if (cached) return cached;
  const account = getTwilioAccount();
  const twilioUrl = `https://api.twilio.com/2010-04-01/Accounts/${account.accountSid}/Recordings/${recordingSid}.wav`;
  const url = account.sandboxUrl ? rewriteForSandbox(twilioUrl, account.sandboxUrl) : twilioUrl;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}` },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch {
    throw new AppError("bad_gateway", "The recording could not be fetched from Twilio. Try again.");
  }
  if (res.status === 404) throw new AppError("not_found", "The recording's audio is not available (deleted, or not processed yet).");
  if (!res.ok) throw new AppError("bad_gateway", `Twilio answered ${res.status} for the recording's audio.`);
  const body = Buffer.from(await res.arrayBuffer());
  remember(recordingSid, body);
  return body;
}
