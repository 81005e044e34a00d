/**
 * The voice engine, assembled: VoiceEngineApi (types.ts) for the REST layer, the control API,
 * TaskRouter and the media layer.
 */
import { notFound, SandboxError } from "../core/rest";
import type {
  CallSnapshot,
  CallStatus,
  ConferenceParticipantOptions,
  CreateCallOptions,
  EndpointKind,
  SandboxContext,
  VoiceEngineApi,
} from "../core/types";
import { Conferences } from "./conferences";
import { Dialer } from "./dial";
import { SYNC_FAILURES, VoiceCore } from "./engine";
import { Interpreter, type DocSource } from "./interpreter";
import { isTerminal, type Call, type Method } from "./model";
import { Queues } from "./queues";
import { Recordings } from "./recordings";
import { Run } from "./run";

/** REST Calls create: everything CreateCallOptions has plus the rest of Twilio's parameters. */
export interface CreateCallRequest extends CreateCallOptions {
  fallbackUrl?: string;
  fallbackMethod?: Method;
  statusCallbackMethod?: Method;
  applicationSid?: string;
  timeLimitSeconds?: number;
  sendDigits?: string;
  recordingChannels?: "mono" | "dual";
  recordingStatusCallback?: string;
  recordingStatusCallbackMethod?: Method;
  recordingStatusCallbackEvents?: string[];
  recordingTrack?: string;
}

export interface DequeueOptions {
  to: string;
  from: string;
  timeoutSeconds?: number;
  record?: boolean;
  statusCallback?: string;
  statusCallbackEvents?: string[];
}

export class VoiceEngine implements VoiceEngineApi {
  readonly core: VoiceCore;
  readonly interpreter: Interpreter;
  readonly dial: Dialer;
  readonly conferences: Conferences;
  readonly recordings: Recordings;
  readonly queues: Queues;

  constructor(readonly ctx: SandboxContext) {
    this.core = new VoiceCore(ctx);
    this.interpreter = new Interpreter(this);
    this.dial = new Dialer(this);
    this.recordings = new Recordings(this);
    this.conferences = new Conferences(this);
    this.queues = new Queues(this);
    this.core.endHooks.push((call) => this.conferences.onCallEnded(call));
    this.core.endHooks.push((call) => void this.recordings.stopAllFor(call.sid));
    this.core.finishCallRecording = async (call) => {
      for (const sid of call.recordingSids) {
        const handle = this.recordings.handle(sid);
        if (handle && this.recordings.get(sid)?.source === "OutboundAPI")
          await this.recordings.stop(handle);
      }
    };
  }

  private live(callSid: string): Call {
    const call = this.core.call(callSid);
    if (!call) throw notFound(`Call ${callSid}`);
    return call;
  }

  /** Outbound call (REST Calls create, TaskRouter call instruction): ring, then run its TwiML. */
  async createCall(options: CreateCallRequest): Promise<CallSnapshot> {
    const sync = SYNC_FAILURES[options.to];
    if (sync) throw new SandboxError(400, sync.code, sync.message);
    let source: DocSource;
    let applicationSid: string | null = null;
    if (options.url)
      source = {
        kind: "url",
        url: options.url,
        method: options.method ?? "POST",
        fallbackUrl: options.fallbackUrl,
        fallbackMethod: options.fallbackMethod,
      };
    else if (options.twiml) source = { kind: "twiml", twiml: options.twiml, baseUrl: null };
    else if (options.applicationSid) {
      const app = this.ctx.numbers?.getApplication(options.applicationSid);
      if (!app)
        throw new SandboxError(
          400,
          21218,
          `ApplicationSid ${options.applicationSid} is not an Application of this account`,
        );
      applicationSid = app.sid;
      source = {
        kind: "url",
        url: app.voiceUrl,
        method: app.voiceMethod,
        fallbackUrl: app.voiceFallbackUrl || undefined,
        fallbackMethod: app.voiceFallbackMethod,
      };
    } else throw new SandboxError(400, 21205, "Url, Twiml or ApplicationSid is required");
    const [to, query] = options.to.split("?", 2) as [string, string | undefined];
    const customParameters = { ...(options.customParameters ?? {}) };
    if (query && to.startsWith("client:"))
      for (const [k, v] of new URLSearchParams(query)) customParameters[k] = v;
    const call = this.core.newCall({
      from: options.from,
      to,
      direction: "outbound-api",
      status: "queued",
      endpoint: this.core.endpointFor(to),
      applicationSid,
      url: source.kind === "url" ? source.url : null,
      method: options.method ?? "POST",
      fallbackUrl: options.fallbackUrl ?? null,
      fallbackMethod: options.fallbackMethod ?? "POST",
      twiml: options.twiml ?? null,
      statusCallback: options.statusCallback ?? null,
      statusCallbackMethod: options.statusCallbackMethod ?? "POST",
      statusCallbackEvents: options.statusCallbackEvent?.length
        ? options.statusCallbackEvent
        : ["completed"],
      timeoutSeconds: options.timeoutSeconds ?? 60,
      timeLimitSeconds: options.timeLimitSeconds ?? 14400,
      customParameters,
      record: options.record
        ? {
            channels: options.recordingChannels ?? "mono",
            statusCallback: options.recordingStatusCallback ?? null,
            statusCallbackMethod: options.recordingStatusCallbackMethod ?? "POST",
            statusCallbackEvents: options.recordingStatusCallbackEvents ?? ["completed"],
            track: options.recordingTrack ?? "both",
          }
        : null,
    });
    // Dialing starts after the REST response: the call is returned as queued, like Twilio's.
    this.ctx.clock.setTimeout(() => void this.dialOut(call, source, options.sendDigits), 0);
    return this.core.snapshot(call);
  }

  private async dialOut(call: Call, source: DocSource, sendDigits: string | undefined) {
    if (isTerminal(call.status)) return;
    {
      const outcome = await this.core.ring(call, call.timeoutSeconds);
      if (outcome !== "answered") return;
      if (call.record) {
        this.recordings.start({
          callSid: call.sid,
          legs: [call.sid],
          source: "OutboundAPI",
          channels: call.record.channels === "dual" ? 2 : 1,
          statusCallback: call.record.statusCallback,
          statusCallbackMethod: call.record.statusCallbackMethod,
          statusCallbackEvents: call.record.statusCallbackEvents,
          track: call.record.track as "both",
        });
      }
      this.interpreter.start(call, source);
      if (sendDigits) {
        await this.ctx.clock.sleep(500);
        this.sendDigits(call.sid, sendDigits.replace(/w/g, ""));
      }
    }
  }

  async updateCall(
    callSid: string,
    update: {
      url?: string;
      method?: "GET" | "POST";
      twiml?: string;
      status?: "completed" | "canceled";
      fallbackUrl?: string;
      fallbackMethod?: Method;
      statusCallback?: string;
      statusCallbackMethod?: Method;
      timeLimitSeconds?: number;
    },
  ): Promise<CallSnapshot> {
    const call = this.live(callSid);
    if (update.statusCallback !== undefined) call.statusCallback = update.statusCallback || null;
    if (update.statusCallbackMethod) call.statusCallbackMethod = update.statusCallbackMethod;
    if (update.status === "canceled") {
      if (call.status === "queued" || call.status === "initiated" || call.status === "ringing")
        this.core.hangup(call, "canceled");
      return this.core.snapshot(call);
    }
    if (update.status === "completed") {
      this.core.hangup(call, "completed");
      return this.core.snapshot(call);
    }
    if (update.url || update.twiml) {
      if (isTerminal(call.status))
        throw new SandboxError(400, 21220, "Call is not in-progress. Cannot redirect.");
      const source: DocSource = update.url
        ? {
            kind: "url",
            url: update.url,
            method: update.method ?? "POST",
            fallbackUrl: update.fallbackUrl,
            fallbackMethod: update.fallbackMethod,
          }
        : { kind: "twiml", twiml: update.twiml!, baseUrl: null };
      if (update.url) {
        call.url = update.url;
        call.method = update.method ?? "POST";
        call.twiml = null;
      } else call.twiml = update.twiml!;
      const rt = this.core.runtime(call.sid);
      // A Dial's called leg leaves the bridge; a queued caller leaves the queue (QueueResult=redirected).
      rt.detach?.();
      if (rt.queueSignal && update.url) {
        rt.queueSignal({ kind: "redirect", url: update.url, method: update.method ?? "POST" });
      } else {
        if (call.status === "ringing" && call.direction === "inbound")
          this.core.setStatus(call, "in-progress");
        this.interpreter.start(call, source);
      }
    }
    return this.core.snapshot(call);
  }

  getCall(callSid: string): CallSnapshot | undefined {
    const call = this.core.call(callSid);
    return call ? this.core.snapshot(call) : undefined;
  }

  async addConferenceParticipant(
    conferenceName: string,
    options: ConferenceParticipantOptions,
  ): Promise<{ callSid: string; conferenceSid: string }> {
    const sync = SYNC_FAILURES[options.to];
    if (sync) throw new SandboxError(400, sync.code, sync.message);
    const { call, conference } = this.conferences.addParticipant(conferenceName, options);
    return { callSid: call.sid, conferenceSid: conference.sid };
  }

  async moveCallToConference(
    callSid: string,
    conferenceName: string,
    options: Omit<ConferenceParticipantOptions, "from" | "to">,
  ): Promise<{ conferenceSid: string }> {
    const call = this.live(callSid);
    if (isTerminal(call.status)) throw new SandboxError(400, 21220, `Call ${callSid} has ended`);
    const conference = this.conferences.moveCall(call, conferenceName, options);
    return { conferenceSid: conference.sid };
  }

  /** TaskRouter's dequeue instruction (added by the core): ring `to` and bridge it with the queued caller. */
  async dequeueCall(callSid: string, options: DequeueOptions): Promise<{ workerCallSid: string }> {
    return this.queues.dequeueToWorker(callSid, options);
  }

  async startClientCall(options: {
    identity: string;
    params: Record<string, string>;
    applicationSid?: string;
  }): Promise<CallSnapshot> {
    const numbers = this.ctx.numbers;
    const app = options.applicationSid
      ? numbers?.getApplication(options.applicationSid)
      : numbers?.listApplications()[0];
    if (!app)
      throw new SandboxError(
        400,
        21218,
        options.applicationSid
          ? `TwiML App ${options.applicationSid} does not exist`
          : "The account has no TwiML App for outgoing Voice SDK calls",
      );
    const { To: to = "", ...rest } = options.params;
    const call = this.core.newCall({
      from: `client:${options.identity}`,
      to,
      direction: "inbound",
      status: "ringing",
      endpoint: "client",
      applicationSid: app.sid,
      extraParams: rest,
      url: app.voiceUrl,
      method: app.voiceMethod,
      fallbackUrl: app.voiceFallbackUrl || null,
      fallbackMethod: app.voiceFallbackMethod,
      statusCallback: app.statusCallback || null,
      statusCallbackMethod: app.statusCallbackMethod,
      statusCallbackEvents: ["completed"],
    });
    this.interpreter.start(call, {
      kind: "url",
      url: app.voiceUrl,
      method: app.voiceMethod,
      fallbackUrl: app.voiceFallbackUrl || null,
      fallbackMethod: app.voiceFallbackMethod,
    });
    return this.core.snapshot(call);
  }

  async startPhoneCall(options: { from: string; to: string }): Promise<CallSnapshot> {
    return this.startInboundCall({ ...options, endpoint: "phone" });
  }

  /** A call from outside (console phone, CLI, tests) to one of the account's numbers. */
  async startInboundCall(options: {
    from: string;
    to: string;
    endpoint: EndpointKind;
    forwardedFrom?: string;
  }): Promise<CallSnapshot> {
    if (!/^(\+[1-9]\d{6,14}|anonymous|unknown|client:[\w.@-]+)$/.test(options.from))
      throw new SandboxError(400, 21212, `From ${options.from} is not a valid phone number`);
    const number = this.ctx.numbers?.findNumber(options.to);
    if (!number)
      throw new SandboxError(404, 20404, `${options.to} is not a phone number of this account`);
    let url = number.voiceUrl;
    let method = number.voiceMethod;
    let fallbackUrl = number.voiceFallbackUrl;
    let fallbackMethod = number.voiceFallbackMethod;
    let applicationSid: string | null = null;
    let statusCallback = number.statusCallback;
    let statusCallbackMethod = number.statusCallbackMethod;
    if (number.voiceApplicationSid) {
      const app = this.ctx.numbers?.getApplication(number.voiceApplicationSid);
      if (app) {
        ({
          voiceUrl: url,
          voiceMethod: method,
          voiceFallbackUrl: fallbackUrl,
          voiceFallbackMethod: fallbackMethod,
          statusCallback,
          statusCallbackMethod,
        } = app);
        applicationSid = app.sid;
      }
    }
    const call = this.core.newCall({
      from: options.from,
      to: number.phoneNumber,
      direction: "inbound",
      status: "ringing",
      endpoint: options.endpoint,
      phoneNumberSid: number.sid,
      applicationSid,
      forwardedFrom: options.forwardedFrom ?? null,
      url,
      method,
      fallbackUrl: fallbackUrl || null,
      fallbackMethod,
      statusCallback: statusCallback || null,
      statusCallbackMethod,
      statusCallbackEvents: ["completed"],
    });
    if (!url) {
      this.ctx.debugger.report({
        level: "error",
        code: 11200,
        message: `${number.phoneNumber} has no voice URL configured`,
        resourceSid: call.sid,
      });
      const run = new Run();
      this.core.runtime(call.sid).run = run;
      void this.interpreter.applicationError(call, run);
    } else {
      this.interpreter.start(call, {
        kind: "url",
        url,
        method,
        fallbackUrl: fallbackUrl || null,
        fallbackMethod,
      });
    }
    return this.core.snapshot(call);
  }

  sendDigits(callSid: string, digits: string): void {
    const call = this.core.call(callSid);
    if (!call || isTerminal(call.status)) return;
    const input = this.core.runtime(callSid).input;
    if (input?.digits) input.digits(digits);
    this.ctx.emit("call.input", { callSid, digits, heard: Boolean(input?.digits) });
  }

  sendSpeech(callSid: string, text: string): void {
    const call = this.core.call(callSid);
    if (!call || isTerminal(call.status)) return;
    const input = this.core.runtime(callSid).input;
    if (input?.speech) input.speech(text);
    this.ctx.emit("call.input", { callSid, speech: text, heard: Boolean(input?.speech) });
  }

  /**
   * Answers a ringing `client:` leg as if a Device had picked it up, without audio (scripted
   * tests, the CLI's `answer`). False when the call is not a ringing client leg.
   */
  answerRinging(callSid: string): boolean {
    const call = this.core.call(callSid);
    if (!call || call.endpoint !== "client" || call.status !== "ringing") return false;
    const answer = this.core.runtime(callSid).answerRing;
    if (!answer) return false;
    answer();
    return true;
  }

  endpointHangup(callSid: string, reason: "hangup" | "rejected" | "busy" | "failed"): void {
    const call = this.core.call(callSid);
    if (!call || isTerminal(call.status)) return;
    const ringing =
      call.status === "queued" || call.status === "initiated" || call.status === "ringing";
    let status: CallStatus = "completed";
    if (reason === "failed") status = "failed";
    else if (
      ringing &&
      call.direction !== "inbound" &&
      (reason === "rejected" || reason === "busy")
    )
      status = "busy";
    this.core.hangup(call, status);
  }

  reset() {
    for (const call of this.core.state.calls) this.core.runtime(call.sid).run?.abort("reset");
    for (const call of this.core.state.calls) {
      this.core.runtime(call.sid).cancelRing?.();
      if (!isTerminal(call.status)) this.ctx.media?.release(call.sid);
    }
    this.core.state = { calls: [], conferences: [], queues: [], recordings: [] };
    this.core.runtimes.clear();
    this.conferences.reset();
    this.recordings.reset();
  }
}
