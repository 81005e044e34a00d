/**
 * The seams of the sandbox (docs/SANDBOX.md): what the core provides to every module, and what
 * modules publish to each other. Nothing here may import from the app.
 *
 * This is the contract the core (server, clock, webhooks) and the engines (voice, messaging,
 * taskrouter, video, media) are built against in parallel. Change it deliberately: every module
 * depends on it.
 */
import type { IncomingMessage } from "node:http";
import type { EventEmitter } from "node:events";
import type { WebSocket } from "ws";

// ─────────────────────────── time ───────────────────────────

export type TimerHandle = { readonly id: number };

/**
 * Every timeout in the sandbox (ring timeouts, reservation timeouts, Pause, Gather timeouts,
 * status progressions…) runs on this clock. In `real` mode it follows wall time; in `manual`
 * mode time only moves when a test calls `advance`, so tests never sleep.
 */
export interface Clock {
  readonly mode: "real" | "manual";
  /** Milliseconds since the epoch, on the sandbox's clock. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Moves manual time forward, firing due timers in order (and awaiting the work they start). */
  advance(ms: number): Promise<void>;
  setMode(mode: "real" | "manual"): void;
}

/**
 * The clock the core actually provides on `ctx.clock` (added by the core, compatible with
 * `Clock`). "Work" is real I/O (webhook deliveries): `advance` and `settle` wait for it, so a
 * test can act and then `settle()` until everything that needs no time has happened. Never
 * `track` a promise that waits on this clock: it would wait for itself.
 */
export interface SandboxClock extends Clock {
  /** Resolves after `ms` on this clock. */
  sleep(ms: number): Promise<void>;
  /** Registers real I/O that `settle`/`advance` wait for; returns the same promise. */
  track<T>(promise: Promise<T>): Promise<T>;
  /** Waits until no tracked I/O is pending (I/O pending for over ~2 s of real time counts as blocked). */
  settle(): Promise<void>;
  /** Number of timers waiting to fire. */
  pendingTimers(): number;
  /** Due time of the next timer, if any. */
  nextDue(): number | null;
  /** Sets the current instant without firing timers (snapshot restore). */
  setNow(ms: number): void;
  close(): void;
}

// ─────────────────────────── identifiers ───────────────────────────

export interface SidFactory {
  /** A fresh SID: two-letter prefix + 32 lowercase hex characters, e.g. next("CA"). */
  next(prefix: string): string;
}

// ─────────────────────────── account ───────────────────────────

export interface SandboxAccount {
  accountSid: string;
  authToken: string;
  apiKeys: { sid: string; secret: string; friendlyName: string }[];
}

// ─────────────────────────── webhooks ───────────────────────────

export type WebhookKind =
  | "voice" // TwiML fetches: incoming call, action URLs, waitUrl, Redirect (15 s hard cap)
  | "voice-status" // call/recording/conference status callbacks
  | "messaging" // inbound message TwiML fetch
  | "messaging-status"
  | "taskrouter-assignment" // 5 s, JSON response
  | "taskrouter-event" // expects 204
  | "video-status";

export interface WebhookRequest {
  kind: WebhookKind;
  /** The URL exactly as configured (it is signed as is, minus any #fragment overrides). */
  url: string;
  method?: "GET" | "POST";
  params: Record<string, string | string[]>;
  fallbackUrl?: string;
  fallbackMethod?: "GET" | "POST";
  /** SID the request is about (CA…, WT…, SM…), for the webhook log. */
  resourceSid?: string;
}

export interface WebhookResult {
  ok: boolean;
  status: number | null;
  contentType: string | null;
  body: string;
  durationMs: number;
  /** Twilio error code when delivery failed (11200 non-2xx, 11205 connection failure or timeout, 11210 bad host, 11215 redirects). */
  errorCode?: number;
  usedFallback: boolean;
  /** The log entry id in the webhook log. */
  logId: string;
}

export interface WebhookClient {
  /** Signs (HMAC-SHA1 with the auth token) and delivers with Twilio's timeouts, retries and fallback. */
  send(request: WebhookRequest): Promise<WebhookResult>;
}

// ─────────────────────────── debugger / logging ───────────────────────────

export interface DebuggerEntry {
  level: "error" | "warning" | "unsupported";
  /** Twilio error code (11200, 12100, 40001…) or 0 for `unsupported`. */
  code: number;
  message: string;
  resourceSid?: string;
  url?: string;
  details?: Record<string, unknown>;
}

export interface DebuggerFeed {
  report(entry: DebuggerEntry): void;
}

export interface SandboxLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

// ─────────────────────────── HTTP / WebSocket routing ───────────────────────────

export interface SandboxRequest {
  method: string;
  /** Path without the query string, e.g. /api/2010-04-01/Accounts/AC…/Calls.json */
  path: string;
  /** Named segments of the matched route pattern (":AccountSid" → params.AccountSid). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** application/x-www-form-urlencoded body; repeated keys become arrays. */
  form: Record<string, string | string[]>;
  /** Parsed JSON body when the content type was JSON. */
  json: unknown;
  rawBody: Buffer;
  headers: IncomingMessage["headers"];
  /** HTTP Basic credentials that matched the account (null on control routes that need none). */
  auth: { accountSid: string; via: "auth-token" | "api-key"; keySid?: string } | null;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
}

export interface HttpRoute {
  method: "GET" | "POST" | "DELETE" | "PUT";
  /** Path pattern with named segments, e.g. "/api/2010-04-01/Accounts/:AccountSid/Calls/:CallSid.json". */
  pattern: string;
  /** "account" (default): HTTP Basic against the account; "none": control/browser routes. */
  auth?: "account" | "none";
  handler(request: SandboxRequest): Promise<SandboxResponse> | SandboxResponse;
}

export interface WsRoute {
  /** Upgrade path, e.g. "/voice/signal". */
  path: string;
  onConnection(socket: WebSocket, request: IncomingMessage): void;
}

// ─────────────────────────── modules ───────────────────────────

export interface SupportEntry {
  area: string; // "REST /Calls", "TwiML <Gather>", "TaskRouter expression", …
  item: string; // "StatusCallbackEvent", "speechTimeout", "HAS", …
  status: "supported" | "partial" | "unsupported";
  notes?: string;
}

export interface SandboxModule {
  /** Unique; also the key of this module's state in snapshots. */
  name: string;
  routes?: HttpRoute[];
  wsRoutes?: WsRoute[];
  /** Drops all state (POST /sandbox/reset). */
  reset?(): void;
  /** Serialisable state for snapshots. */
  snapshot?(): unknown;
  restore?(state: unknown): void;
  /** Rows for SUPPORT.md / GET /sandbox/support. */
  support?: SupportEntry[];
  /** Live view for GET /sandbox/state and the console board (plain JSON, camelCase). */
  state?(): unknown;
  /** Seeds the module's default resources; called on first start and after every reset. */
  seed?(): void;
  /** Called on shutdown. */
  close?(): Promise<void> | void;
}

/**
 * How a module is mounted: lib/sandbox/server/modules.ts lists these factories. Each is called
 * once with the shared context, in list order; it may publish its API on the context
 * (ctx.voice = …) and must only *use* other modules' APIs lazily (at request time), since the
 * others may be created after it.
 */
export type SandboxModuleFactory = (ctx: SandboxContext) => SandboxModule;

/** An event on ctx.events ("event"), forwarded to GET /sandbox/events (SSE) for the console. */
export interface SandboxEvent {
  /** "call.updated", "conference.updated", "message.updated", "webhook.logged", "debugger.reported", "clock.changed", "sandbox.reset", "task.updated", … */
  type: string;
  data: unknown;
}

/** What every module receives. Engines publish their API on it (ctx.voice = …) when created. */
export interface SandboxContext {
  clock: SandboxClock;
  sids: SidFactory;
  account: SandboxAccount;
  webhooks: WebhookClient;
  debugger: DebuggerFeed;
  log: SandboxLogger;
  /**
   * Internal event stream for the console board and the control API's SSE:
   * emit("event", { type: "call.updated" | "conference.updated" | "task.updated" | …, data }).
   */
  events: EventEmitter;
  /** Where the sandbox itself is reachable, e.g. http://127.0.0.1:3100. */
  baseUrl: string;
  /** The app's public base URL (default webhook targets for the seeded number). */
  appUrl: string;
  dataDir: string;
  /** Publishes a SandboxEvent on `events` (shorthand for events.emit("event", { type, data })). */
  emit(type: string, data: unknown): void;
  voice?: VoiceEngineApi;
  messaging?: MessagingEngineApi;
  /** Published by lib/sandbox/account: the account's phone numbers and TwiML Apps. */
  numbers?: NumbersApi;
  taskrouter?: TaskRouterEngineApi;
  media?: MediaApi;
}

// ─────────────────────────── engine APIs (module ↔ module) ───────────────────────────

export type CallStatus =
  | "queued"
  | "initiated"
  | "ringing"
  | "in-progress"
  | "completed"
  | "busy"
  | "failed"
  | "no-answer"
  | "canceled";

export interface CallSnapshot {
  sid: string;
  parentCallSid: string | null;
  from: string;
  to: string;
  status: CallStatus;
  direction: "inbound" | "outbound-api" | "outbound-dial";
  startTime: number | null;
  endTime: number | null;
}

export interface CreateCallOptions {
  from: string;
  to: string;
  url?: string;
  method?: "GET" | "POST";
  twiml?: string;
  statusCallback?: string;
  statusCallbackEvent?: string[];
  timeoutSeconds?: number;
  record?: boolean;
  /** `client:alice` / `+1…` custom parameters for Voice SDK legs. */
  customParameters?: Record<string, string>;
}

export interface ConferenceParticipantOptions {
  from: string;
  to: string;
  label?: string;
  muted?: boolean;
  hold?: boolean;
  beep?: boolean;
  startConferenceOnEnter?: boolean;
  endConferenceOnExit?: boolean;
  coaching?: boolean;
  callSidToCoach?: string;
  statusCallback?: string;
  statusCallbackEvent?: string[];
  conferenceStatusCallback?: string;
  conferenceStatusCallbackEvent?: string[];
  conferenceRecord?: "record-from-start" | "do-not-record";
  recordingStatusCallback?: string;
  timeoutSeconds?: number;
  waitUrl?: string;
  earlyMedia?: boolean;
}

/** Published by lib/sandbox/voice as ctx.voice. */
export interface VoiceEngineApi {
  createCall(options: CreateCallOptions): Promise<CallSnapshot>;
  /** REST update: redirect to new TwiML/URL, or hang up (status completed/canceled). */
  updateCall(callSid: string, update: { url?: string; method?: "GET" | "POST"; twiml?: string; status?: "completed" | "canceled" }): Promise<CallSnapshot>;
  getCall(callSid: string): CallSnapshot | undefined;
  /** Dials `to` and joins it to the named conference (creating it), like POST Conferences/{name}/Participants. */
  addConferenceParticipant(conferenceName: string, options: ConferenceParticipantOptions): Promise<{ callSid: string; conferenceSid: string }>;
  /**
   * Moves an existing call (e.g. a queued caller) into a conference, as the TaskRouter conference
   * instruction does. A caller waiting in <Enqueue> leaves the queue; when it later leaves the
   * conference its <Enqueue> action is requested with QueueResult=bridged. Any other call hangs
   * up when it leaves the conference.
   */
  moveCallToConference(callSid: string, conferenceName: string, options: Omit<ConferenceParticipantOptions, "from" | "to">): Promise<{ conferenceSid: string }>;
  /**
   * TaskRouter's dequeue instruction (added by the core): rings `to` (an outbound-api leg from
   * `from`) and, once answered, bridges it with the caller waiting in <Enqueue>. The caller keeps
   * waiting while the worker's leg rings; when the worker hangs up, the caller's <Enqueue> action
   * gets QueueResult=bridged. Throws if the call is not waiting in a queue.
   */
  dequeueCall(callSid: string, options: { to: string; from: string; timeoutSeconds?: number; record?: boolean; statusCallback?: string; statusCallbackEvents?: string[] }): Promise<{ workerCallSid: string }>;

  // ── called by the media layer for browser endpoints (Voice SDK Device, customer phone) ──
  /**
   * A Device placed a call (device.connect): run the TwiML App flow; returns the new CallSid.
   * `applicationSid` is the token's voice grant `outgoing.application_sid` (added by the core;
   * when omitted the account's only/first TwiML App is used).
   */
  startClientCall(options: { identity: string; params: Record<string, string>; applicationSid?: string }): Promise<CallSnapshot>;
  /** A browser customer phone dials a number (usually the business number). */
  startPhoneCall(options: { from: string; to: string }): Promise<CallSnapshot>;
  /** Caller input on a leg: DTMF digits, or (scripted / captioned) speech for <Gather input="speech">. */
  sendDigits(callSid: string, digits: string): void;
  sendSpeech(callSid: string, text: string): void;
  /** The endpoint behind a leg hung up (or rejected/ignored an incoming call). */
  endpointHangup(callSid: string, reason: "hangup" | "rejected" | "busy" | "failed"): void;
}

/** Published by lib/sandbox/taskrouter as ctx.taskrouter (used by <Enqueue workflowSid>). */
export interface TaskRouterEngineApi {
  createTask(options: {
    workflowSid: string;
    attributes: Record<string, unknown>;
    priority?: number;
    timeoutSeconds?: number;
    taskChannel?: string;
  }): Promise<{ taskSid: string }>;
  /** The caller behind an <Enqueue>d task hung up or left the queue before assignment. */
  cancelTask(taskSid: string, reason: string): Promise<void>;
  /** Fired by the voice engine when the customer leg of a task's call ends (for wrap-up). */
  onCallEnded?(callSid: string): void;
}

/** Published by lib/sandbox/messaging as ctx.messaging. */
export interface MessagingEngineApi {
  /** A customer sends a message to one of the account's numbers (console phone, CLI, tests). */
  injectInbound(options: { from: string; to: string; body: string; mediaUrls?: string[] }): Promise<{ messageSid: string }>;
}

/** How a call leg's audio is produced and consumed. */
export type EndpointKind =
  | "scripted" // CLI/test caller: no audio; DTMF and speech are injected through the control API
  | "client" // a registered Voice SDK Device (client:<identity>)
  | "phone" // the sandbox console's browser customer phone
  | "pstn"; // any other number: simulated party (answers, or busy/no-answer by magic number)

export interface PromptSpec {
  kind: "say" | "play" | "tone" | "silence";
  text?: string;
  language?: string;
  voice?: string;
  url?: string;
  loop?: number;
  durationMs?: number;
}

/**
 * Published by lib/sandbox/media as ctx.media. The voice engine decides who is connected to whom;
 * the media layer makes the audio follow. Without a media layer (scripted calls, unit tests) the
 * voice engine works the same, silently.
 */
export interface MediaApi {
  /**
   * Which kind of endpoint a dialed address reaches right now: a registered Device for
   * `client:<identity>`, a connected browser customer phone for its number, otherwise "pstn"
   * (simulated party) — the voice engine asks before ringing anything.
   */
  endpointFor(address: string): EndpointKind;
  /**
   * Rings a browser endpoint for a new leg (Voice SDK `incoming` with the call's parameters and
   * custom parameters; or the customer phone's ringer). Resolves when the person answers,
   * rejects, or the ring is canceled by `cancelRing`.
   */
  ring(
    address: string,
    call: { callSid: string; from: string; to: string; customParameters?: Record<string, string> },
  ): Promise<"answered" | "rejected" | "canceled" | "unavailable">;
  cancelRing(callSid: string): void;
  /** Captions for `<Say>` shown on browser endpoints (the console phone shows them live). */
  caption?(callSid: string, text: string): void;
  /** Who each leg hears. `hears` lists the call SIDs whose audio is mixed into this leg. */
  setRouting(routes: { callSid: string; hears: string[]; prompt?: PromptSpec | null }[]): void;
  /** Plays a prompt to one leg; resolves when it finished (or was interrupted). */
  play(callSid: string, prompt: PromptSpec): Promise<void>;
  stopPlayback(callSid: string): void;
  /** Starts recording the mix of the given legs; stop returns a WAV file. */
  startRecording(key: string, callSids: string[]): void;
  stopRecording(key: string): Promise<{ wav: Buffer; durationSeconds: number } | null>;
  /** The leg ended: release its media. */
  release(callSid: string): void;
}

// ─────────────────────────── numbers and TwiML Apps (account module) ───────────────────────────

export interface IncomingNumberConfig {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: "GET" | "POST";
  voiceFallbackUrl: string;
  voiceFallbackMethod: "GET" | "POST";
  voiceApplicationSid: string;
  statusCallback: string;
  statusCallbackMethod: "GET" | "POST";
  smsUrl: string;
  smsMethod: "GET" | "POST";
  smsFallbackUrl: string;
  smsFallbackMethod: "GET" | "POST";
  smsApplicationSid: string;
}

export interface ApplicationConfig {
  sid: string;
  friendlyName: string;
  voiceUrl: string;
  voiceMethod: "GET" | "POST";
  voiceFallbackUrl: string;
  voiceFallbackMethod: "GET" | "POST";
  statusCallback: string;
  statusCallbackMethod: "GET" | "POST";
  smsUrl: string;
  smsMethod: "GET" | "POST";
  smsFallbackUrl: string;
  smsFallbackMethod: "GET" | "POST";
  smsStatusCallback: string;
  messageStatusCallback: string;
}

/** Published by lib/sandbox/account as ctx.numbers (IncomingPhoneNumbers and Applications). */
export interface NumbersApi {
  /** The account's number with this E.164 value (WhatsApp `whatsapp:` prefix ignored). */
  findNumber(phoneNumber: string): IncomingNumberConfig | undefined;
  getApplication(sid: string): ApplicationConfig | undefined;
  listApplications(): ApplicationConfig[];
  listNumbers(): IncomingNumberConfig[];
}
