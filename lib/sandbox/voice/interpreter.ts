/**
 * The TwiML interpreter (docs/twilio-contract.md §3): fetches documents with the leg's standard
 * params, runs verbs top to bottom with Twilio's defaults, resolves relative URLs against the
 * current document, and falls back to Twilio's application-error behaviour (a spoken apology,
 * then hang-up) when a webhook fails (11200/11205) or the TwiML does not parse (12100).
 */
import { parseXml, XmlParseError, type XmlElement } from "../core/xml";
import { isTerminal, type Call, type Method } from "./model";
import { parseBool, parseMethod, parseNumber, speechMs } from "./params";
import { ABORTED, deferred, Run } from "./run";
import type { VoiceEngine } from "./voice-engine";

export type DocSource =
  | {
      kind: "url";
      url: string;
      method: Method;
      params?: Record<string, string>;
      fallbackUrl?: string | null;
      fallbackMethod?: Method;
    }
  | { kind: "twiml"; twiml: string; baseUrl: string | null };

export type Flow =
  { kind: "next" } | { kind: "goto"; source: DocSource } | { kind: "stop" } | { kind: "leave" };

/** Where a document runs: the leg's main flow, a queue's waitUrl, a conference wait/hold URL, a whisper. */
export type Mode = "main" | "queue-wait" | "conference-wait" | "whisper";

interface Doc {
  verbs: XmlElement[];
  url: string | null;
}

const ALLOWED: Record<Exclude<Mode, "main" | "whisper">, Set<string>> = {
  "queue-wait": new Set(["Play", "Say", "Pause", "Hangup", "Redirect", "Leave", "Gather"]),
  "conference-wait": new Set(["Play", "Say", "Pause", "Redirect"]),
};

const NOT_EMULATED = new Set([
  "Connect",
  "Start",
  "Stop",
  "Stream",
  "Pay",
  "Prompt",
  "Refer",
  "Sip",
  "Echo",
  "Siprec",
  "Transcription",
  "Sms",
  "Message",
  "Conversation",
  "VirtualAgent",
  "Autopilot",
  "Application",
]);

export const APPLICATION_ERROR_TEXT = "We are sorry, an application error has occurred. Goodbye.";
/** The sandbox's stand-in for Twilio's default hold music (the media layer maps it to audio). */
export const HOLD_MUSIC_URL = "sandbox:hold-music";
/** How long a <Play> of a URL lasts when there is no media layer to decode it. */
export const SIMULATED_PLAY_MS = 5000;

export class Interpreter {
  constructor(private readonly engine: VoiceEngine) {}

  private get core() {
    return this.engine.core;
  }

  /** Starts (or restarts) a leg's main TwiML flow, aborting whatever it was running. */
  start(call: Call, source: DocSource): Run {
    const rt = this.core.runtime(call.sid);
    rt.run?.abort("redirect");
    const run = new Run();
    rt.run = run;
    void this.execute(call, run, source, "main").catch((error: unknown) => {
      this.core.ctx.log.error("TwiML execution failed", {
        callSid: call.sid,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      this.core.hangup(call, "failed");
    });
    return run;
  }

  /**
   * Runs documents until the flow ends. Main flows hang up when the TwiML runs out; wait flows
   * re-request the original URL; whisper flows return so the bridge can start.
   */
  async execute(
    call: Call,
    run: Run,
    source: DocSource,
    mode: Mode,
  ): Promise<"ended" | "leave" | "done" | "aborted"> {
    let current = source;
    let loadsWithoutTime = 0;
    let lastLoadAt = -1;
    for (;;) {
      if (run.aborted) return "aborted";
      if (isTerminal(call.status)) return "ended";
      const now = this.core.now();
      loadsWithoutTime = now === lastLoadAt ? loadsWithoutTime + 1 : 0;
      lastLoadAt = now;
      if (loadsWithoutTime > 50) {
        this.core.ctx.debugger.report({
          level: "error",
          code: 12400,
          message: "More than 50 TwiML documents without any time passing (redirect loop)",
          resourceSid: call.sid,
        });
        await this.applicationError(call, run);
        return "ended";
      }
      const doc = await this.load(call, run, current);
      if (doc === ABORTED) return "aborted";
      if (doc === "error") {
        if (mode === "main" || mode === "whisper") {
          await this.applicationError(call, run);
          return "ended";
        }
        // A failing waitUrl: Twilio keeps the caller waiting (default music) and tries again.
        await this.core.play(call, { kind: "play", url: HOLD_MUSIC_URL }, run, 10_000);
        current = source;
        continue;
      }
      const startedAt = this.core.now();
      const flow = await this.runVerbs(call, run, doc, mode);
      if (flow.kind === "goto") {
        current = flow.source;
        continue;
      }
      if (flow.kind === "leave") return "leave";
      if (flow.kind === "stop") return run.aborted ? "aborted" : "ended";
      // The document ran out of verbs.
      if (mode === "main") {
        this.core.hangup(call, "completed");
        return "ended";
      }
      if (mode === "whisper") return "done";
      // Wait loops re-request the original waitUrl; never faster than once a second of clock time.
      if (
        this.core.now() === startedAt &&
        (await run.race(this.core.ctx.clock.sleep(1000))) === ABORTED
      )
        return "aborted";
      current = source;
    }
  }

  /** Fetches and parses a document; "error" after reporting to the debugger. */
  private async load(
    call: Call,
    run: Run,
    source: DocSource,
  ): Promise<Doc | "error" | typeof ABORTED> {
    const { ctx } = this.core;
    if (source.kind === "twiml") return this.parse(call, source.twiml, source.baseUrl, null);
    const result = await run.race(
      ctx.webhooks.send({
        kind: "voice",
        url: source.url,
        method: source.method,
        params: { ...this.core.params(call), ...(source.params ?? {}) },
        fallbackUrl: source.fallbackUrl ?? undefined,
        fallbackMethod: source.fallbackMethod,
        resourceSid: call.sid,
      }),
    );
    if (result === ABORTED) return ABORTED;
    if (!result.ok) return "error";
    const type = (result.contentType ?? "").toLowerCase();
    if (type.startsWith("audio/")) {
      // An audio reply is played, then the call hangs up (contract §1.5).
      return {
        verbs: [{ name: "Play", attrs: {}, children: [], text: source.url }],
        url: source.url,
      };
    }
    return this.parse(call, result.body, source.url, type);
  }

  private parse(call: Call, body: string, url: string | null, type: string | null): Doc | "error" {
    const trimmed = body.trim();
    if (type?.startsWith("text/plain") && !trimmed.startsWith("<")) {
      // Plain text that is not TwiML is read aloud.
      return { verbs: [{ name: "Say", attrs: {}, children: [], text: trimmed }], url };
    }
    if (trimmed === "") {
      this.core.ctx.debugger.report({
        level: "error",
        code: 12100,
        message: "Document parse failure: empty response body",
        resourceSid: call.sid,
        url: url ?? undefined,
      });
      return "error";
    }
    try {
      const root = parseXml(trimmed);
      if (root.name !== "Response")
        throw new XmlParseError(`The root element must be <Response>, got <${root.name}>`);
      return { verbs: root.children, url };
    } catch (error) {
      this.core.ctx.debugger.report({
        level: "error",
        code: 12100,
        message: `Document parse failure: ${error instanceof Error ? error.message : String(error)}`,
        resourceSid: call.sid,
        url: url ?? undefined,
        details: { body: trimmed.slice(0, 2000) },
      });
      return "error";
    }
  }

  /** Twilio's application-error behaviour: the caller hears an apology, then the call ends. */
  async applicationError(call: Call, run: Run) {
    if (isTerminal(call.status)) return;
    if (call.status === "ringing" && call.direction === "inbound")
      this.core.setStatus(call, "in-progress");
    call.activity = { kind: "twiml", verb: "Say" };
    this.core.emitCall(call);
    await this.core.play(
      call,
      { kind: "say", text: APPLICATION_ERROR_TEXT, voice: "man", language: "en-US" },
      run,
      speechMs(APPLICATION_ERROR_TEXT),
    );
    this.core.hangup(call, "completed");
  }

  /** Resolves a possibly relative URL against the document URL (null when it cannot be). */
  resolve(target: string | undefined, docUrl: string | null): string | null {
    if (target === undefined || target === "") return docUrl;
    try {
      return new URL(target, docUrl ?? undefined).toString();
    } catch {
      return null;
    }
  }

  private async runVerbs(call: Call, run: Run, doc: Doc, mode: Mode): Promise<Flow> {
    for (const verb of doc.verbs) {
      if (run.aborted || isTerminal(call.status)) return { kind: "stop" };
      if (mode === "queue-wait" || mode === "conference-wait") {
        if (!ALLOWED[mode].has(verb.name)) {
          this.core.ctx.debugger.report({
            level: "error",
            code: mode === "conference-wait" ? 13238 : 12200,
            message: `<${verb.name}> is not allowed in a ${mode === "queue-wait" ? "queue waitUrl" : "conference waitUrl/holdUrl"} document`,
            resourceSid: call.sid,
            url: doc.url ?? undefined,
          });
          continue;
        }
      }
      this.answerIfNeeded(call, verb);
      call.activity = { kind: "twiml", verb: verb.name };
      this.core.emitCall(call);
      const flow = await this.runVerb(call, run, verb, doc.url, mode);
      if (flow.kind !== "next") return flow;
    }
    return { kind: "next" };
  }

  /** Twilio answers an inbound call when it starts any verb but <Reject> (or a <Dial answerOnBridge>). */
  private answerIfNeeded(call: Call, verb: XmlElement) {
    if (call.direction !== "inbound" || call.status !== "ringing") return;
    if (verb.name === "Reject") return;
    if (verb.name === "Dial" && parseBool(verb.attrs.answerOnBridge, false)) return;
    this.core.setStatus(call, "in-progress");
  }

  private async runVerb(
    call: Call,
    run: Run,
    verb: XmlElement,
    docUrl: string | null,
    mode: Mode,
  ): Promise<Flow> {
    const { ctx } = this.core;
    switch (verb.name) {
      case "Say":
      case "Play":
      case "Pause":
        await this.prompt(call, run, verb);
        return run.aborted ? { kind: "stop" } : { kind: "next" };
      case "Gather":
        return this.gather(call, run, verb, docUrl);
      case "Redirect": {
        const url = this.resolve(verb.text, docUrl);
        if (!url || !verb.text) {
          ctx.debugger.report({
            level: "error",
            code: 11100,
            message: `<Redirect> needs an absolute URL here, got "${verb.text}"`,
            resourceSid: call.sid,
          });
          return { kind: "stop" };
        }
        return {
          kind: "goto",
          source: { kind: "url", url, method: parseMethod(verb.attrs.method) },
        };
      }
      case "Hangup":
        this.core.hangup(call, "completed");
        return { kind: "stop" };
      case "Reject": {
        const busy = verb.attrs.reason === "busy";
        if (call.status === "ringing" || call.status === "queued")
          this.core.hangup(call, busy ? "busy" : "no-answer", {
            sipResponseCode: busy ? 486 : 603,
          });
        else this.core.hangup(call, "completed");
        return { kind: "stop" };
      }
      case "Leave":
        if (mode === "queue-wait") return { kind: "leave" };
        ctx.debugger.report({
          level: "warning",
          code: 12200,
          message: "<Leave> outside a queue's waitUrl does nothing",
          resourceSid: call.sid,
        });
        return { kind: "next" };
      case "Record":
        return this.engine.recordings.recordVerb(call, run, verb, docUrl);
      case "Dial":
        return this.engine.dial.run(call, run, verb, docUrl);
      case "Enqueue":
        return this.engine.queues.enqueue(call, run, verb, docUrl);
      default:
        if (NOT_EMULATED.has(verb.name)) {
          ctx.debugger.report({
            level: "unsupported",
            code: 0,
            message: `TwiML <${verb.name}> is not emulated by the sandbox; skipped`,
            resourceSid: call.sid,
            url: docUrl ?? undefined,
          });
        } else {
          ctx.debugger.report({
            level: "warning",
            code: 12200,
            message: `Schema validation warning: unknown verb <${verb.name}> skipped`,
            resourceSid: call.sid,
            url: docUrl ?? undefined,
          });
        }
        return { kind: "next" };
    }
  }

  /** <Say>, <Play> and <Pause> (also nested in <Gather>). Returns false if interrupted. */
  async prompt(call: Call, run: Run, verb: XmlElement): Promise<boolean> {
    const loopAttr = parseNumber(verb.attrs.loop, 1);
    // loop="0" repeats until something else happens (hangup, barge-in, redirect).
    const loops = loopAttr <= 0 ? 1000 : Math.min(loopAttr, 1000);
    switch (verb.name) {
      case "Say": {
        const text = verb.text || verb.children.map((c) => c.text).join(" ");
        for (let i = 0; i < loops; i++) {
          if (
            !(await this.core.play(
              call,
              {
                kind: "say",
                text,
                voice: verb.attrs.voice ?? "man",
                language: verb.attrs.language ?? "en-US",
              },
              run,
              speechMs(text),
            ))
          )
            return false;
        }
        return true;
      }
      case "Play": {
        if (verb.attrs.digits) return this.playDigits(call, run, verb.attrs.digits);
        for (let i = 0; i < loops; i++) {
          if (
            !(await this.core.play(call, { kind: "play", url: verb.text }, run, SIMULATED_PLAY_MS))
          )
            return false;
        }
        return true;
      }
      case "Pause": {
        const seconds = Math.max(0, parseNumber(verb.attrs.length, 1));
        return this.core.play(
          call,
          { kind: "silence", durationMs: seconds * 1000 },
          run,
          seconds * 1000,
        );
      }
      default:
        this.core.ctx.debugger.report({
          level: "warning",
          code: 12200,
          message: `<${verb.name}> is not allowed inside <Gather>`,
          resourceSid: call.sid,
        });
        return true;
    }
  }

  /** <Play digits>: DTMF towards the far end (the bridged leg's gather or record), 0.5 s per digit. */
  private async playDigits(call: Call, run: Run, digits: string): Promise<boolean> {
    for (const digit of digits) {
      if (digit === "w") {
        if (!(await this.core.play(call, { kind: "silence", durationMs: 500 }, run, 500)))
          return false;
        continue;
      }
      const other = this.core.runtime(call.sid).bridgedWith;
      if (other) this.core.runtime(other).input?.digits?.(digit);
      if (!(await this.core.play(call, { kind: "tone", text: digit, durationMs: 500 }, run, 500)))
        return false;
    }
    return true;
  }

  private async gather(
    call: Call,
    run: Run,
    verb: XmlElement,
    docUrl: string | null,
  ): Promise<Flow> {
    const { ctx } = this.core;
    const attrs = verb.attrs;
    const inputs = new Set((attrs.input ?? "dtmf").toLowerCase().split(/\s+/).filter(Boolean));
    const timeoutMs = Math.max(0, parseNumber(attrs.timeout, 5)) * 1000;
    const finishOnKey = attrs.finishOnKey ?? "#";
    const numDigits = attrs.numDigits ? parseNumber(attrs.numDigits, 0) : 0;
    const actionOnEmpty = parseBool(attrs.actionOnEmptyResult, false);
    if (attrs.partialResultCallback)
      ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message: "<Gather partialResultCallback> is not emulated (scripted speech arrives whole)",
        resourceSid: call.sid,
      });
    const rt = this.core.runtime(call.sid);
    let digits = "";
    let finishedOnKey = "";
    let speech: string | null = null;
    const done = deferred<"input" | "timeout" | "finish">();
    const prompts = run.child();
    let timer: ReturnType<typeof ctx.clock.setTimeout> | undefined;
    let promptsOver = false;
    const armTimer = () => {
      ctx.clock.clearTimeout(timer);
      timer = ctx.clock.setTimeout(
        () => done.resolve(digits || speech !== null ? "input" : "timeout"),
        timeoutMs,
      );
    };
    rt.input = {
      digits: (pressed) => {
        if (!inputs.has("dtmf") || done.settled()) return;
        for (const key of pressed) {
          if (finishOnKey.includes(key)) {
            finishedOnKey = key;
            done.resolve("finish");
            return;
          }
          digits += key;
          prompts.abort("barge-in");
          if (numDigits > 0 && digits.length >= numDigits) {
            done.resolve("input");
            return;
          }
        }
        if (promptsOver || prompts.aborted) armTimer();
      },
      speech: (text) => {
        if (!inputs.has("speech") || done.settled()) return;
        speech = text;
        if (parseBool(attrs.bargeIn, true)) prompts.abort("barge-in");
        done.resolve("input");
      },
    };
    for (const child of verb.children) {
      if (prompts.aborted || done.settled()) break;
      await this.prompt(call, prompts, child);
    }
    promptsOver = true;
    if (!done.settled() && !run.aborted) armTimer();
    const outcome = await run.race(done.promise);
    ctx.clock.clearTimeout(timer);
    prompts.abort("gather over");
    if (rt.input && !isTerminal(call.status)) rt.input = null;
    if (outcome === ABORTED || isTerminal(call.status)) return { kind: "stop" };
    const gotInput = digits !== "" || speech !== null;
    if (!gotInput && !actionOnEmpty) return { kind: "next" };
    const action = this.resolve(attrs.action, docUrl);
    if (!action) {
      ctx.debugger.report({
        level: "warning",
        code: 11100,
        message: "<Gather> has no action and the document has no URL (inline TwiML): continuing",
        resourceSid: call.sid,
      });
      return { kind: "next" };
    }
    const params: Record<string, string> = {};
    if (inputs.has("dtmf")) {
      params.Digits = digits;
      params.FinishedOnKey = finishedOnKey;
    }
    if (speech !== null) {
      params.SpeechResult = speech;
      params.Confidence = "0.9";
    }
    return {
      kind: "goto",
      source: { kind: "url", url: action, method: parseMethod(attrs.method), params },
    };
  }
}
