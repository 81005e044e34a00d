/** What the media module emulates, for SUPPORT.md and GET /sandbox/support. */
import type { SupportEntry } from "../core/types";

const V = "Voice SDK signalling";
const M = "Media";

export const MEDIA_SUPPORT: SupportEntry[] = [
  {
    area: V,
    item: "listen / connected (Access Token check)",
    status: "supported",
    notes:
      "HS256/384/512 with the API key secret named by iss, sub = account, exp/nbf, 24 h maximum, cty twilio-fpa;v=1. Errors 31204 (→ SDK 20101), 31205 (→ 20104), 31207.",
  },
  {
    area: V,
    item: "register / unregister (ready / offline)",
    status: "supported",
    notes:
      "Needs voice.incoming.allow (else 31201). Re-registration every 30 s and after reconnect work as with Twilio.",
  },
  {
    area: V,
    item: "incoming invite (device 'incoming')",
    status: "supported",
    notes:
      "Parameters AccountSid, ApiVersion, CallSid, From, To; custom parameters as Params. Every registered Device for the identity rings; the first to answer wins, the others get cancel.",
  },
  { area: V, item: "accept / reject / ignore / cancel", status: "supported" },
  {
    area: V,
    item: "outgoing connect (invite with params)",
    status: "supported",
    notes:
      "Runs the voice engine's TwiML App flow with the token's outgoing.application_sid; connect params (and the grant's outgoing params) become webhook parameters. Answered at once: answerOnBridge early media is not signalled.",
  },
  { area: V, item: "hangup from either side", status: "supported" },
  {
    area: V,
    item: "DTMF (sendDigits)",
    status: "supported",
    notes:
      "RFC 4733 telephone-events over RTP (what the SDK uses when negotiated) and the signalling dtmf message.",
  },
  { area: V, item: "mute", status: "supported", notes: "Local to the browser, as with Twilio." },
  {
    area: V,
    item: "signalling reconnect (socket drop)",
    status: "supported",
    notes:
      "Calls survive a dropped socket for 30 s (sandbox clock); the SDK re-invites with the reconnect token and gets its answer back. Audio keeps flowing meanwhile.",
  },
  {
    area: V,
    item: "token refresh (tokenWillExpire / updateToken)",
    status: "supported",
    notes:
      "connected carries the remaining ttl; an expired, unrefreshed token gets 31205 and the Device is unregistered until updateToken.",
  },
  {
    area: V,
    item: "ICE restart (reinvite)",
    status: "partial",
    notes:
      "Answered by renegotiating the sandbox's peer connection; untested against real network changes.",
  },
  {
    area: V,
    item: "call messages (sendMessage / messageReceived)",
    status: "unsupported",
    notes: "Answered with an error and logged.",
  },
  {
    area: V,
    item: "Insights (eventgw) and edge selection",
    status: "unsupported",
    notes: "The sandbox Device options disable Insights; edge/region are reported as 'sandbox'.",
  },
  {
    area: M,
    item: "codec",
    status: "partial",
    notes:
      "PCMU (G.711 µ-law) only, so audio is mixed in TypeScript without native codecs. Opus is never negotiated.",
  },
  {
    area: M,
    item: "two-party and conference audio",
    status: "supported",
    notes:
      "Mixed per the voice engine's routes: bridge, conference, mute, hold (hold music), coach/whisper, monitor, barge.",
  },
  {
    area: M,
    item: "<Say>",
    status: "partial",
    notes:
      "Spoken offline by eSpeak (meSpeak, GPL-3.0) in an approximate male/female voice; Polly/Google neural voices and SSML are not reproduced. Captions are sent to the console phone.",
  },
  {
    area: M,
    item: "<Play> url",
    status: "partial",
    notes:
      "WAV (PCM, float, µ-law, A-law) and MP3 files are fetched and played. Other formats and Twilio's default hold music play a generated music bed (reported as unsupported). A failed fetch is skipped with 11200.",
  },
  { area: M, item: "<Play digits> / beep / <Pause>", status: "supported" },
  {
    area: M,
    item: "recordings",
    status: "supported",
    notes:
      "WAV, 8 kHz 16-bit mono, of the mix of the recorded legs (their voices and prompts played to them, not hold music). Single channel only.",
  },
  {
    area: M,
    item: "scripted and simulated (PSTN) parties",
    status: "partial",
    notes: "They have no audio: prompts to them finish at once and they are silent in mixes.",
  },
  {
    area: M,
    item: "customer phone (console)",
    status: "supported",
    notes:
      "ws /phone/signal: choose a caller number, dial, answer rings, DTMF, speech text, captions and call status; real microphone/speaker audio.",
  },
];
