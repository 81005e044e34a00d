/**
 * The Voice SDK's call quality warnings (Call `warning` / `warning-cleared`, raised by its stats
 * monitor from RTC samples) in words an agent can act on, in one place. Names:
 * https://www.twilio.com/docs/voice/sdks/javascript/twiliocall#warning-event and
 * https://www.twilio.com/docs/voice/voice-insights/api/call/details-sdk-call-quality-events
 */
const WARNINGS: Record<string, { label: string; message: string }> = {
  "high-jitter": { label: "Choppy audio", message: "Audio may sound choppy: your network is delivering it unevenly (jitter)." },
  "high-packet-loss": { label: "Audio dropping", message: "Parts of the audio are being lost on the network (packet loss)." },
  "high-packets-lost-fraction": { label: "Audio dropping", message: "Parts of the audio are being lost on the network (packet loss)." },
  "low-mos": { label: "Poor call quality", message: "Call quality is poor; the caller may hear you badly." },
  "high-rtt": { label: "Audio delay", message: "Audio is delayed on the network (high round-trip time); expect talking over each other." },
  "constant-audio-input-level": { label: "No microphone audio", message: "No audio from your microphone. Check it is plugged in and not muted, or pick another in Audio settings." },
  "low-bytes-received": { label: "No incoming audio", message: "No audio is arriving from the other side." },
  "low-bytes-sent": { label: "Audio not sent", message: "Your audio is not reaching the call. Check your network." },
  "ice-connectivity-lost": { label: "Connection lost", message: "The media connection dropped; the softphone is trying to restore it." },
};

/** Most actionable first: the agent can fix their microphone, not the network. */
const ORDER = ["constant-audio-input-level", "ice-connectivity-lost", "low-bytes-sent", "low-bytes-received", "low-mos", "high-packet-loss", "high-packets-lost-fraction", "high-jitter", "high-rtt"];

export interface QualityWarning {
  name: string;
  label: string;
  message: string;
}

export function callQualityWarning(name: string): QualityWarning {
  const known = WARNINGS[name];
  return known ? { name, ...known } : { name, label: "Call quality", message: `Call quality warning (${name}).` };
}

/** Active warning names → readable warnings, most actionable first, one per label (two names mean packet loss). */
export function callQualityWarnings(names: Iterable<string>): QualityWarning[] {
  const rank = (name: string) => {
    const i = ORDER.indexOf(name);
    return i === -1 ? ORDER.length : i;
  };
  const seen = new Set<string>();
  return [...names]
    .sort((a, b) => rank(a) - rank(b))
    .map(callQualityWarning)
    .filter((w) => (seen.has(w.label) ? false : (seen.add(w.label), true)));
}
