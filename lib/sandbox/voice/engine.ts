/**
 * The voice engine's heart: call legs and their status lifecycle (docs/twilio-contract.md §2.2),
 * status callbacks, ringing (browser endpoints through ctx.media, simulated PSTN parties
 * otherwise), bridges and media routing. The TwiML interpreter, Dial, conferences and
 * recordings build on it.
 */
import type {
  CallSnapshot,
  CallStatus,
  EndpointKind,
  MediaApi,
  PromptSpec,
  SandboxContext,
} from "../core/types";
import { isTerminal, type Call, type Method, type VoiceState } from "./model";
import { callParams, timestamp } from "./params";
import { deferred, type Run } from "./run";

/** Sandbox-only outcome numbers for simulated PSTN parties (docs/SANDBOX.md "Voice magic numbers"). */
export const VOICE_MAGIC = {
  invalid: "+15005550001", // REST 21217 / Dial failed
  unreachable: "+15005550002", // REST 21214 / Dial failed
  noPermission: "+15005550003", // REST 21215 / Dial failed
  blocked: "+15005550004", // REST 21216 / Dial failed
  busy: "+15005550020",
  noAnswer: "+15005550021",
  failed: "+15005550022",
  answerThenHangup: "+15005550023",
} as const;

export const SYNC_FAILURES: Record<string, { code: number; message: string }> = {
  [VOICE_MAGIC.invalid]: { code: 21217, message: "Phone number is not a valid phone number" },
  [VOICE_MAGIC.unreachable]: { code: 21214, message: "'To' phone number cannot be reached" },
  [VOICE_MAGIC.noPermission]: {
    code: 21215,
    message: "Account not authorized to call this number (geo permissions)",
  },
  [VOICE_MAGIC.blocked]: { code: 21216, message: "Call blocked by Twilio blocklist" },
};

/** How long a simulated PSTN party rings before answering, and how long the 0023 number talks. */
export const PSTN_ANSWER_MS = 2000;
export const PSTN_TALK_MS = 10_000;

export type RingOutcome = "answered" | "busy" | "no-answer" | "failed" | "canceled";

export interface InputHandler {
  digits?(digits: string): void;
  speech?(text: string): void;
}

export interface Runtime {
  run: Run | null;
  input: InputHandler | null;
  ended: ReturnType<typeof deferred<CallStatus>>;
  cancelRing: (() => void) | null;
  /** Answers the ringing leg without a browser endpoint (the control API's `answer`). */
  answerRing: (() => void) | null;
  /** A browser-endpoint leg answered through the control API: no audio, prompts keep simulated time. */
  headless: boolean;
  /** Scripted speech heard on this leg while a <Record> runs. */
  transcript: string[] | null;
  /** Leg this one is bridged with (Dial Number/Client/Queue). */
  bridgedWith: string | null;
  /** Media prompt this leg hears while nobody else (hold, conference wait). */
  prompt: PromptSpec | null;
  /** Set while in <Enqueue>: signals that move the caller out of the queue. */
  queueSignal: ((signal: QueueSignal) => void) | null;
  taskSid: string | null;
  timeLimit: ReturnType<SandboxContext["clock"]["setTimeout"]> | null;
  answeredAt: number | null;
  /** Set on a Dial's called leg while bridged: a REST redirect detaches it from the bridge. */
  detach: (() => void) | null;
}

export type QueueSignal =
  | { kind: "bridge"; perform: (run: Run) => Promise<void> }
  | { kind: "redirect"; url: string; method: Method };

export class VoiceCore {
  state: VoiceState = { calls: [], conferences: [], queues: [], recordings: [] };
  readonly runtimes = new Map<string, Runtime>();
  /** Set by the engine: stops a REST Record=true recording when its call ends. */
  finishCallRecording: (call: Call) => Promise<void> = async () => {};
  /** Hooks other parts register (conferences, queues) to clean up when a leg ends. */
  readonly endHooks: ((call: Call, status: CallStatus) => void)[] = [];

  constructor(readonly ctx: SandboxContext) {}

  get media(): MediaApi | undefined {
    return this.ctx.media;
  }

  now() {
    return this.ctx.clock.now();
  }

  call(sid: string): Call | undefined {
    return this.state.calls.find((c) => c.sid === sid);
  }

  runtime(sid: string): Runtime {
    let rt = this.runtimes.get(sid);
    if (!rt) {
      rt = {
        run: null,
        input: null,
        ended: deferred<CallStatus>(),
        cancelRing: null,
        answerRing: null,
        headless: false,
        transcript: null,
        bridgedWith: null,
        prompt: null,
        queueSignal: null,
        taskSid: null,
        timeLimit: null,
        answeredAt: null,
        detach: null,
      };
      this.runtimes.set(sid, rt);
    }
    return rt;
  }

  snapshot(call: Call): CallSnapshot {
    return {
      sid: call.sid,
      parentCallSid: call.parentCallSid,
      from: call.from,
      to: call.to,
      status: call.status,
      direction: call.direction,
      startTime: call.startTime,
      endTime: call.endTime,
    };
  }

  newCall(
    init: Partial<Call> & Pick<Call, "from" | "to" | "direction" | "status" | "endpoint">,
  ): Call {
    const now = this.now();
    const call: Call = {
      sid: this.ctx.sids.next("CA"),
      parentCallSid: null,
      dateCreated: now,
      dateUpdated: now,
      startTime: null,
      endTime: null,
      phoneNumberSid: null,
      applicationSid: null,
      forwardedFrom: null,
      callerName: null,
      queueTime: 0,
      url: null,
      method: "POST",
      fallbackUrl: null,
      fallbackMethod: "POST",
      twiml: null,
      statusCallback: null,
      statusCallbackMethod: "POST",
      statusCallbackEvents: ["completed"],
      sequence: 0,
      timeoutSeconds: 60,
      timeLimitSeconds: 14400,
      customParameters: {},
      extraParams: {},
      record: null,
      recordingSids: [],
      sipResponseCode: null,
      activity: { kind: "idle" },
      answeredBy: null,
      errorCode: null,
      ...init,
    };
    this.state.calls.push(call);
    this.runtime(call.sid);
    this.emitCall(call);
    return call;
  }

  emitCall(call: Call) {
    this.ctx.emit("call.updated", {
      ...this.snapshot(call),
      activity: call.activity,
      endpoint: call.endpoint,
      dateUpdated: call.dateUpdated,
    });
  }

  params(call: Call): Record<string, string> {
    return callParams(call, this.ctx.account.accountSid);
  }

  /** Moves a leg to a new status, firing the status callbacks it subscribed to. */
  setStatus(
    call: Call,
    status: CallStatus,
    extra: { sipResponseCode?: number; errorCode?: number } = {},
  ) {
    if (call.status === status || isTerminal(call.status)) return;
    const previous = call.status;
    call.status = status;
    call.dateUpdated = this.now();
    if (status === "in-progress" && call.startTime === null) {
      call.startTime = this.now();
      this.runtime(call.sid).answeredAt = this.now();
      this.armTimeLimit(call);
    }
    if (extra.sipResponseCode !== undefined) call.sipResponseCode = extra.sipResponseCode;
    if (extra.errorCode !== undefined) call.errorCode = extra.errorCode;
    if (isTerminal(status)) {
      call.endTime = this.now();
      call.activity = { kind: "ended" };
      if (call.sipResponseCode === null)
        call.sipResponseCode =
          { completed: 200, busy: 486, "no-answer": 487, canceled: 487, failed: 500 }[
            status as "completed"
          ] ?? 200;
    }
    this.emitCall(call);
    const event = status === "in-progress" ? "answered" : isTerminal(status) ? "completed" : status;
    // A call canceled while still queued fires no callbacks (contract §2.2).
    const silent = status === "canceled" && previous === "queued";
    if (!silent && call.statusCallback && call.statusCallbackEvents.includes(event)) {
      // The completed callback of a Record=true call carries the finished recording.
      if (isTerminal(status) && call.record)
        void this.finishCallRecording(call).then(() => this.sendStatusCallback(call));
      else this.sendStatusCallback(call);
    } else if (isTerminal(status) && call.record) void this.finishCallRecording(call);
    if (isTerminal(status)) this.onEnded(call, status);
  }

  sendStatusCallback(call: Call) {
    const params: Record<string, string> = {
      ...this.params(call),
      Timestamp: timestamp(this.now()),
      CallbackSource: "call-progress-events",
      SequenceNumber: String(call.sequence++),
    };
    if (isTerminal(call.status)) {
      const duration =
        call.startTime !== null && call.endTime !== null
          ? Math.round((call.endTime - call.startTime) / 1000)
          : 0;
      params.CallDuration = String(duration);
      if (call.status === "completed") params.Duration = String(Math.ceil(duration / 60));
      if (call.sipResponseCode !== null) params.SipResponseCode = String(call.sipResponseCode);
      if (call.errorCode !== null) params.ErrorCode = String(call.errorCode);
      const recording = call.record
        ? this.state.recordings.find(
            (r) => call.recordingSids.includes(r.sid) && r.source === "OutboundAPI",
          )
        : undefined;
      if (recording && recording.status === "completed") {
        params.RecordingUrl = this.recordingUrl(recording.sid);
        params.RecordingSid = recording.sid;
        params.RecordingDuration = String(recording.duration ?? 0);
      }
    }
    if (call.answeredBy) params.AnsweredBy = call.answeredBy;
    void this.ctx.webhooks.send({
      kind: "voice-status",
      url: call.statusCallback!,
      method: call.statusCallbackMethod,
      params,
      resourceSid: call.sid,
    });
  }

  recordingUrl(sid: string) {
    return `https://api.twilio.com/2010-04-01/Accounts/${this.ctx.account.accountSid}/Recordings/${sid}`;
  }

  private armTimeLimit(call: Call) {
    const rt = this.runtime(call.sid);
    this.ctx.clock.clearTimeout(rt.timeLimit ?? undefined);
    rt.timeLimit = this.ctx.clock.setTimeout(() => {
      if (!isTerminal(call.status)) this.hangup(call, "completed");
    }, call.timeLimitSeconds * 1000);
  }

  /** Ends a leg: aborts its TwiML, cancels ringing, releases media, tells everything watching. */
  hangup(
    call: Call,
    status: CallStatus = "completed",
    extra: { sipResponseCode?: number; errorCode?: number } = {},
  ) {
    if (isTerminal(call.status)) return;
    if (call.status === "queued" || call.status === "initiated" || call.status === "ringing") {
      if (status === "completed" && call.direction !== "inbound") status = "canceled";
    }
    this.setStatus(call, status, extra);
  }

  private onEnded(call: Call, status: CallStatus) {
    const rt = this.runtime(call.sid);
    this.ctx.clock.clearTimeout(rt.timeLimit ?? undefined);
    rt.cancelRing?.();
    rt.cancelRing = null;
    rt.input = null;
    rt.run?.abort("hangup");
    const bridged = rt.bridgedWith;
    rt.bridgedWith = null;
    if (bridged) {
      const other = this.runtime(bridged);
      if (other.bridgedWith === call.sid) other.bridgedWith = null;
    }
    for (const hook of this.endHooks) hook(call, status);
    this.media?.release(call.sid);
    rt.ended.resolve(status);
    this.updateRouting();
    this.ctx.taskrouter?.onCallEnded?.(call.sid);
  }

  /** Which kind of endpoint `address` reaches right now. */
  endpointFor(address: string): EndpointKind {
    if (this.media) return this.media.endpointFor(address);
    return address.startsWith("client:") ? "client" : "pstn";
  }

  /**
   * Rings an outbound leg until it is answered, refused or times out: initiated → ringing →
   * in-progress (or busy / no-answer / failed / canceled). Browser endpoints ring through the
   * media layer; anything else is a simulated party (see VOICE_MAGIC).
   */
  async ring(call: Call, timeoutSeconds: number): Promise<RingOutcome> {
    const rt = this.runtime(call.sid);
    if (isTerminal(call.status))
      return call.status === "in-progress" ? "answered" : (call.status as RingOutcome);
    this.setStatus(call, "initiated");
    const sync = SYNC_FAILURES[call.to];
    if (sync) {
      this.hangup(call, "failed", { sipResponseCode: 404, errorCode: sync.code });
      return "failed";
    }
    if (isTerminal(call.status)) return "canceled";
    this.setStatus(call, "ringing");
    call.activity = { kind: "ringing" };
    const outcome = deferred<RingOutcome>();
    const timer = this.ctx.clock.setTimeout(
      () => outcome.resolve("no-answer"),
      timeoutSeconds * 1000,
    );
    rt.cancelRing = () => outcome.resolve("canceled");
    let answeredByControl = false;
    rt.answerRing = () => {
      answeredByControl = true;
      rt.headless = true;
      outcome.resolve("answered");
    };
    const endpoint = call.endpoint;
    if ((endpoint === "client" || endpoint === "phone") && this.media) {
      const media = this.media;
      media
        .ring(call.to, {
          callSid: call.sid,
          from: call.from,
          to: call.to,
          customParameters: call.customParameters,
        })
        .then((result) => {
          if (result === "answered") outcome.resolve("answered");
          else if (result === "rejected") outcome.resolve("busy");
          else if (result === "canceled") outcome.resolve("canceled");
          // "unavailable": nobody to ring; the leg rings out to no-answer like Twilio's.
        })
        .catch((error: unknown) => {
          this.ctx.log.warn("media ring failed", { callSid: call.sid, error: String(error) });
        });
      outcome.promise.then((result) => {
        // Answered through the control API: any Device still ringing stops, as another leg won.
        if (result !== "answered" || answeredByControl) media.cancelRing(call.sid);
      });
    } else if (endpoint === "pstn") {
      const to = call.to;
      if (to === VOICE_MAGIC.busy) this.ctx.clock.setTimeout(() => outcome.resolve("busy"), 1000);
      else if (to === VOICE_MAGIC.failed)
        this.ctx.clock.setTimeout(() => outcome.resolve("failed"), 500);
      else if (to !== VOICE_MAGIC.noAnswer)
        this.ctx.clock.setTimeout(() => outcome.resolve("answered"), PSTN_ANSWER_MS);
    }
    // "scripted" legs are answered by whoever placed them; "client" without a media layer rings out.
    const result = await outcome.promise;
    this.ctx.clock.clearTimeout(timer);
    rt.cancelRing = null;
    rt.answerRing = null;
    if (isTerminal(call.status))
      return call.status === "canceled" ? "canceled" : (call.status as RingOutcome);
    switch (result) {
      case "answered":
        this.setStatus(call, "in-progress");
        call.activity = { kind: "idle" };
        if (endpoint === "pstn" && call.to === VOICE_MAGIC.answerThenHangup) {
          this.ctx.clock.setTimeout(() => this.hangup(call, "completed"), PSTN_TALK_MS);
        }
        break;
      case "busy":
        this.hangup(call, "busy", { sipResponseCode: 486 });
        break;
      case "no-answer":
        this.hangup(call, "no-answer", { sipResponseCode: 487 });
        break;
      case "failed":
        this.hangup(call, "failed", { sipResponseCode: 503 });
        break;
      case "canceled":
        this.hangup(call, "canceled", { sipResponseCode: 487 });
        break;
    }
    return result;
  }

  /** Two legs hear each other until one ends (Dial). */
  bridge(a: Call, b: Call) {
    this.runtime(a.sid).bridgedWith = b.sid;
    this.runtime(b.sid).bridgedWith = a.sid;
    a.activity = { kind: "bridged", withCallSid: b.sid };
    b.activity = { kind: "bridged", withCallSid: a.sid };
    this.emitCall(a);
    this.emitCall(b);
    this.updateRouting();
  }

  unbridge(a: Call, b: Call) {
    const ra = this.runtime(a.sid);
    const rb = this.runtime(b.sid);
    if (ra.bridgedWith === b.sid) ra.bridgedWith = null;
    if (rb.bridgedWith === a.sid) rb.bridgedWith = null;
    if (!isTerminal(a.status)) a.activity = { kind: "idle" };
    if (!isTerminal(b.status)) b.activity = { kind: "idle" };
    this.updateRouting();
  }

  /** Conference routes are contributed by the conference manager. */
  conferenceRoutes: () => { callSid: string; hears: string[]; prompt: PromptSpec | null }[] =
    () => [];

  /** Recomputes who hears whom and hands it to the media layer (no-op without one). */
  updateRouting() {
    if (!this.media) return;
    const routes = new Map<
      string,
      { callSid: string; hears: string[]; prompt: PromptSpec | null }
    >();
    for (const call of this.state.calls) {
      if (isTerminal(call.status)) continue;
      const rt = this.runtime(call.sid);
      routes.set(call.sid, {
        callSid: call.sid,
        hears: rt.bridgedWith ? [rt.bridgedWith] : [],
        prompt: rt.prompt,
      });
    }
    for (const route of this.conferenceRoutes())
      if (routes.has(route.callSid)) routes.set(route.callSid, route);
    this.media.setRouting([...routes.values()]);
  }

  /**
   * Plays a prompt on a leg: through the media layer (which knows real durations), or simulated
   * on the clock for `simulatedMs`. Returns false when the run was aborted (barge-in, hangup).
   */
  async play(call: Call, prompt: PromptSpec, run: Run, simulatedMs: number): Promise<boolean> {
    if (prompt.kind === "say" && prompt.text) this.media?.caption?.(call.sid, prompt.text);
    // Only browser legs have audio to time prompts by: the media layer finishes prompts to
    // scripted and simulated parties at once, so those keep the simulated duration.
    const browser =
      (call.endpoint === "client" || call.endpoint === "phone") && !this.runtime(call.sid).headless;
    const media = browser ? this.media : undefined;
    if (media) {
      const off = run.onAbort(() => media.stopPlayback(call.sid));
      await run.race(
        media
          .play(call.sid, prompt)
          .catch((error: unknown) =>
            this.ctx.log.warn("media play failed", { callSid: call.sid, error: String(error) }),
          ),
      );
      off();
      return !run.aborted;
    }
    await run.race(this.ctx.clock.sleep(simulatedMs));
    return !run.aborted;
  }
}
