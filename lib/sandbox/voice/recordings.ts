/**
 * Recordings (docs/twilio-contract.md §2.3, §2.6): <Record>, <Dial record>, conference
 * record-from-start, REST Record=true and the Call Recordings API. Audio comes from the media
 * layer's mix when there is one (MediaApi.stopRecording); otherwise the sandbox writes a real
 * WAV of the right duration filled with comfort noise (SUPPORT.md says so). Transcriptions of
 * <Record transcribe> are the scripted speech heard during the recording.
 */
import { comfortNoiseWav } from "../core/wav";
import type { XmlElement } from "../core/xml";
import type { Flow } from "./interpreter";
import { isTerminal, type Call, type Method, type Recording, type Transcription } from "./model";
import { parseBool, parseMethod, parseNumber, speechMs, timestamp } from "./params";
import { ABORTED, deferred, type Run } from "./run";
import type { VoiceEngine } from "./voice-engine";

export interface RecordingHandle {
  sid: string;
  startedAt: number;
  pausedMs: number;
  pausedAt: number | null;
  statusCallback: string | null;
  statusCallbackMethod: Method;
  statusCallbackEvents: string[];
  sequence: number;
}

export interface StartRecording {
  callSid: string | null;
  conferenceSid?: string | null;
  legs: string[];
  source: Recording["source"];
  channels: number;
  startedAt?: number;
  statusCallback: string | null;
  statusCallbackMethod: Method;
  statusCallbackEvents: string[];
  track?: Recording["track"];
}

export class Recordings {
  private readonly active = new Map<string, RecordingHandle>();

  constructor(private readonly engine: VoiceEngine) {}

  private get core() {
    return this.engine.core;
  }

  get(sid: string): Recording | undefined {
    return this.core.state.recordings.find((r) => r.sid === sid);
  }

  handle(sid: string): RecordingHandle | undefined {
    return this.active.get(sid);
  }

  start(options: StartRecording): RecordingHandle {
    const now = this.core.now();
    const recording: Recording = {
      sid: this.core.ctx.sids.next("RE"),
      callSid: options.callSid,
      conferenceSid: options.conferenceSid ?? null,
      dateCreated: now,
      dateUpdated: now,
      startTime: options.startedAt ?? now,
      duration: null,
      status: "in-progress",
      channels: options.channels,
      source: options.source,
      track: options.track ?? "both",
      errorCode: null,
      wav: null,
      synthetic: false,
      transcriptions: [],
    };
    this.core.state.recordings.push(recording);
    if (options.callSid) this.core.call(options.callSid)?.recordingSids.push(recording.sid);
    const handle: RecordingHandle = {
      sid: recording.sid,
      startedAt: recording.startTime,
      pausedMs: 0,
      pausedAt: null,
      statusCallback: options.statusCallback,
      statusCallbackMethod: options.statusCallbackMethod,
      statusCallbackEvents: options.statusCallbackEvents,
      sequence: 0,
    };
    this.active.set(recording.sid, handle);
    this.core.media?.startRecording(recording.sid, options.legs);
    this.callback(recording, handle, "in-progress");
    this.core.ctx.emit("recording.updated", this.view(recording));
    return handle;
  }

  pause(handle: RecordingHandle) {
    const recording = this.get(handle.sid);
    if (!recording || recording.status !== "in-progress") return;
    handle.pausedAt = this.core.now();
    recording.status = "paused";
    recording.dateUpdated = this.core.now();
  }

  resume(handle: RecordingHandle) {
    const recording = this.get(handle.sid);
    if (!recording || recording.status !== "paused" || handle.pausedAt === null) return;
    handle.pausedMs += this.core.now() - handle.pausedAt;
    handle.pausedAt = null;
    recording.status = "in-progress";
    recording.dateUpdated = this.core.now();
  }

  /** Stops a recording, stores its audio and fires the completed (or absent) callback. Returns its SID. */
  async stop(
    handle: RecordingHandle,
    options: { trimMs?: number; absent?: boolean } = {},
  ): Promise<string> {
    this.active.delete(handle.sid);
    const recording = this.get(handle.sid)!;
    if (handle.pausedAt !== null) handle.pausedMs += this.core.now() - handle.pausedAt;
    const elapsed = Math.max(
      0,
      this.core.now() - handle.startedAt - handle.pausedMs - (options.trimMs ?? 0),
    );
    const mixed = this.core.media
      ? await this.core.media.stopRecording(handle.sid).catch(() => null)
      : null;
    recording.dateUpdated = this.core.now();
    if (options.absent && !mixed) {
      recording.status = "absent";
      recording.duration = 0;
      this.callback(recording, handle, "absent");
    } else {
      recording.duration = mixed ? Math.round(mixed.durationSeconds) : Math.round(elapsed / 1000);
      recording.wav = (mixed?.wav ?? comfortNoiseWav(elapsed / 1000)).toString("base64");
      recording.synthetic = !mixed;
      recording.status = "completed";
      this.callback(recording, handle, "completed");
    }
    this.core.ctx.emit("recording.updated", this.view(recording));
    return recording.sid;
  }

  private callback(
    recording: Recording,
    handle: RecordingHandle,
    status: "in-progress" | "completed" | "absent",
  ) {
    if (!handle.statusCallback || !handle.statusCallbackEvents.includes(status)) return;
    const params: Record<string, string> = {
      AccountSid: this.core.ctx.account.accountSid,
      CallSid: recording.callSid ?? "",
      RecordingSid: recording.sid,
      RecordingUrl: this.core.recordingUrl(recording.sid),
      RecordingStatus: status,
      RecordingDuration: String(recording.duration ?? 0),
      RecordingChannels: String(recording.channels),
      RecordingStartTime: timestamp(recording.startTime),
      RecordingSource: recording.source,
      RecordingTrack: recording.track,
    };
    if (recording.conferenceSid) params.ConferenceSid = recording.conferenceSid;
    if (status === "absent") params.ErrorCode = "0";
    void this.core.ctx.webhooks.send({
      kind: "voice-status",
      url: handle.statusCallback,
      method: handle.statusCallbackMethod,
      params,
      resourceSid: recording.sid,
    });
  }

  view(r: Recording) {
    return {
      sid: r.sid,
      callSid: r.callSid,
      conferenceSid: r.conferenceSid,
      status: r.status,
      duration: r.duration,
      source: r.source,
      synthetic: r.synthetic,
    };
  }

  /** <Record>: beep, record until finishOnKey, silence, maxLength or hangup, then the action request. */
  async recordVerb(call: Call, run: Run, verb: XmlElement, docUrl: string | null): Promise<Flow> {
    const { ctx } = this.core;
    const a = verb.attrs;
    const transcribe = parseBool(a.transcribe, false) || Boolean(a.transcribeCallback);
    const timeoutMs = Math.max(0, parseNumber(a.timeout, 5)) * 1000;
    const maxLengthMs = Math.max(1, parseNumber(a.maxLength, transcribe ? 120 : 3600)) * 1000;
    const finishOnKey = a.finishOnKey ?? "1234567890*#";
    const trim = (a.trim ?? "trim-silence") !== "do-not-trim";
    if (parseBool(a.playBeep, true)) {
      if (!(await this.core.play(call, { kind: "tone", durationMs: 500 }, run, 500)))
        return { kind: "stop" };
    }
    const rt = this.core.runtime(call.sid);
    const transcript: string[] = [];
    rt.transcript = transcript;
    const handle = this.start({
      callSid: call.sid,
      legs: [call.sid],
      source: "RecordVerb",
      channels: 1,
      statusCallback: a.recordingStatusCallback
        ? this.engine.interpreter.resolve(a.recordingStatusCallback, docUrl)
        : null,
      statusCallbackMethod: parseMethod(a.recordingStatusCallbackMethod),
      statusCallbackEvents: (a.recordingStatusCallbackEvent ?? "completed")
        .split(/[\s,]+/)
        .filter(Boolean),
      track: "inbound",
    });
    const done = deferred<{ reason: "key" | "silence" | "max" | "hangup"; key?: string }>();
    // Voice-activity detection needs audio: with a browser endpoint the silence timeout is off.
    const detectsSilence =
      timeoutMs > 0 && !(ctx.media && (call.endpoint === "client" || call.endpoint === "phone"));
    let silence: ReturnType<typeof ctx.clock.setTimeout> | undefined;
    const armSilence = (afterMs = 0) => {
      if (!detectsSilence) return;
      ctx.clock.clearTimeout(silence);
      silence = ctx.clock.setTimeout(
        () => done.resolve({ reason: "silence" }),
        afterMs + timeoutMs,
      );
    };
    armSilence();
    const max = ctx.clock.setTimeout(() => done.resolve({ reason: "max" }), maxLengthMs);
    rt.input = {
      digits: (pressed) => {
        for (const key of pressed)
          if (finishOnKey.includes(key)) return done.resolve({ reason: "key", key });
      },
      speech: (text) => {
        transcript.push(text);
        armSilence(speechMs(text));
      },
    };
    void rt.ended.promise.then(() => done.resolve({ reason: "hangup" }));
    const result = await run.race(done.promise);
    ctx.clock.clearTimeout(silence);
    ctx.clock.clearTimeout(max);
    rt.input = null;
    rt.transcript = null;
    const ended = result === ABORTED ? { reason: "hangup" as const } : result;
    // Without audio (no media layer, or a scripted/simulated caller) the transcript is all there is.
    const nothingHeard =
      transcript.length === 0 &&
      !(ctx.media && (call.endpoint === "client" || call.endpoint === "phone"));
    const absent = ended.reason === "silence" && nothingHeard;
    const sid = await this.stop(handle, {
      trimMs: ended.reason === "silence" && trim ? timeoutMs : 0,
      absent,
    });
    const recording = this.get(sid)!;
    if (absent) {
      // Nothing was recorded: no action request, execution continues with the next verb.
      return isTerminal(call.status) || run.aborted ? { kind: "stop" } : { kind: "next" };
    }
    if (transcribe)
      this.transcribe(
        call,
        recording,
        transcript.join(" "),
        a.transcribeCallback ? this.engine.interpreter.resolve(a.transcribeCallback, docUrl) : null,
      );
    const params: Record<string, string> = {
      RecordingUrl: this.core.recordingUrl(sid),
      RecordingDuration: String(recording.duration ?? 0),
      RecordingSid: sid,
      Digits: ended.reason === "key" ? ended.key! : ended.reason === "hangup" ? "hangup" : "",
    };
    const action = this.engine.interpreter.resolve(a.action, docUrl);
    if (!action) {
      ctx.debugger.report({
        level: "warning",
        code: 11100,
        message: "<Record> has no action and the document has no URL (inline TwiML): continuing",
        resourceSid: call.sid,
      });
      return isTerminal(call.status) ? { kind: "stop" } : { kind: "next" };
    }
    if (isTerminal(call.status)) {
      // Twilio still requests the action after a hangup; its TwiML is ignored.
      void ctx.webhooks.send({
        kind: "voice",
        url: action,
        method: parseMethod(a.method),
        params: { ...this.core.params(call), ...params },
        resourceSid: call.sid,
      });
      return { kind: "stop" };
    }
    if (run.aborted) return { kind: "stop" };
    return {
      kind: "goto",
      source: { kind: "url", url: action, method: parseMethod(a.method), params },
    };
  }

  transcribe(call: Call, recording: Recording, text: string, callback: string | null) {
    const now = this.core.now();
    const transcription: Transcription = {
      sid: this.core.ctx.sids.next("TR"),
      recordingSid: recording.sid,
      dateCreated: now,
      dateUpdated: now,
      duration: recording.duration ?? 0,
      status: text ? "completed" : "failed",
      text,
    };
    recording.transcriptions.push(transcription);
    if (!callback) return;
    const base = `https://api.twilio.com/2010-04-01/Accounts/${this.core.ctx.account.accountSid}`;
    void this.core.ctx.webhooks.send({
      kind: "voice-status",
      url: callback,
      params: {
        ...this.core.params(call),
        TranscriptionSid: transcription.sid,
        TranscriptionText: text,
        TranscriptionStatus: transcription.status,
        TranscriptionUrl: `${base}/Recordings/${recording.sid}/Transcriptions/${transcription.sid}`,
        TranscriptionType: "fast",
        RecordingSid: recording.sid,
        RecordingUrl: this.core.recordingUrl(recording.sid),
        RecordingDuration: String(recording.duration ?? 0),
      },
      resourceSid: transcription.sid,
    });
  }

  /** Stops every recording still running on a leg (the leg ended). */
  async stopAllFor(callSid: string) {
    for (const handle of [...this.active.values()]) {
      const recording = this.get(handle.sid);
      if (
        recording?.callSid === callSid &&
        recording.source !== "Conference" &&
        recording.source !== "RecordVerb" &&
        recording.source !== "DialVerb"
      ) {
        await this.stop(handle);
      }
    }
  }

  reset() {
    this.active.clear();
  }
}
