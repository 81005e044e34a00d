/**
 * <Dial> (docs/twilio-contract.md §2.5, §3): Number and Client legs rung in parallel (or in
 * sequence), whisper URLs, bridging, hangupOnStar, timeLimit, record, answerOnBridge, and the
 * action request (or falling through to the next verb). Conference and Queue nouns hand over to
 * the conference and queue parts.
 */
import type { XmlElement } from "../core/xml";
import type { Flow } from "./interpreter";
import { isTerminal, type Call } from "./model";
import { parseBool, parseMethod, parseNumber } from "./params";
import { ABORTED, deferred, type Run } from "./run";
import type { VoiceEngine } from "./voice-engine";

export interface DialOutcome {
  status: "completed" | "answered" | "busy" | "no-answer" | "failed" | "canceled";
  dialCallSid?: string;
  duration?: number;
  bridged: boolean;
  recordingSid?: string;
  extra?: Record<string, string>;
}

interface Target {
  to: string;
  url?: string;
  method: "GET" | "POST";
  statusCallback?: string;
  statusCallbackMethod: "GET" | "POST";
  statusCallbackEvents: string[];
  customParameters: Record<string, string>;
  sendDigits?: string;
}

export class Dialer {
  constructor(private readonly engine: VoiceEngine) {}

  private get core() {
    return this.engine.core;
  }

  async run(call: Call, run: Run, verb: XmlElement, docUrl: string | null): Promise<Flow> {
    const { ctx } = this.core;
    const attrs = verb.attrs;
    const nouns =
      verb.children.length > 0
        ? verb.children
        : verb.text
          ? [{ name: "Number", attrs: {}, children: [], text: verb.text }]
          : [];
    let outcome: DialOutcome;
    const conference = nouns.find((n) => n.name === "Conference");
    const queue = nouns.find((n) => n.name === "Queue");
    const unsupported = nouns.filter(
      (n) => !["Number", "Client", "Conference", "Queue"].includes(n.name),
    );
    for (const noun of unsupported) {
      ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message: `<Dial><${noun.name}> is not emulated by the sandbox`,
        resourceSid: call.sid,
      });
    }
    if (conference) {
      outcome = await this.engine.conferences.dialConference(call, run, conference, docUrl);
    } else if (queue) {
      outcome = await this.engine.queues.dialQueue(call, run, queue, attrs, docUrl);
    } else {
      const targets = nouns
        .filter((n) => n.name === "Number" || n.name === "Client")
        .map((n) => this.target(n, docUrl));
      if (targets.length === 0) {
        if (unsupported.length === 0)
          ctx.debugger.report({
            level: "error",
            code: 13201,
            message: "<Dial> has nothing to dial",
            resourceSid: call.sid,
          });
        outcome = { status: "failed", bridged: false };
      } else {
        outcome = await this.dialLegs(call, run, targets, attrs, docUrl);
      }
    }
    return this.finish(call, run, attrs, docUrl, outcome);
  }

  /** Requests the action URL (or falls through). After the caller hung up, the request is only a notification. */
  async finish(
    call: Call,
    run: Run,
    attrs: Record<string, string>,
    docUrl: string | null,
    outcome: DialOutcome,
  ): Promise<Flow> {
    const params: Record<string, string> = {
      DialCallStatus: outcome.status,
      DialBridged: String(outcome.bridged),
      ...(outcome.extra ?? {}),
    };
    if (outcome.dialCallSid) params.DialCallSid = outcome.dialCallSid;
    if (outcome.duration !== undefined) params.DialCallDuration = String(outcome.duration);
    if (outcome.recordingSid) {
      const recording = this.engine.recordings.get(outcome.recordingSid);
      params.RecordingUrl = this.core.recordingUrl(outcome.recordingSid);
      params.RecordingSid = outcome.recordingSid;
      params.RecordingDuration = String(recording?.duration ?? 0);
    }
    const action = attrs.action ? this.engine.interpreter.resolve(attrs.action, docUrl) : null;
    if (isTerminal(call.status) || (run.aborted && run.reason !== "hangup")) {
      if (action && isTerminal(call.status)) {
        void this.core.ctx.webhooks.send({
          kind: "voice",
          url: action,
          method: parseMethod(attrs.method),
          params: { ...this.core.params(call), ...params },
          resourceSid: call.sid,
        });
      }
      return { kind: "stop" };
    }
    if (!action) return { kind: "next" };
    return {
      kind: "goto",
      source: { kind: "url", url: action, method: parseMethod(attrs.method), params },
    };
  }

  private target(noun: XmlElement, docUrl: string | null): Target {
    const a = noun.attrs;
    let to = noun.text;
    const customParameters: Record<string, string> = {};
    if (noun.name === "Client") {
      const identity = noun.children.find((c) => c.name === "Identity");
      if (identity) to = identity.text;
      for (const p of noun.children.filter((c) => c.name === "Parameter"))
        if (p.attrs.name) customParameters[p.attrs.name] = p.attrs.value ?? "";
      to = `client:${to}`;
    }
    return {
      to,
      url: a.url ? (this.engine.interpreter.resolve(a.url, docUrl) ?? undefined) : undefined,
      method: parseMethod(a.method),
      statusCallback: a.statusCallback
        ? (this.engine.interpreter.resolve(a.statusCallback, docUrl) ?? undefined)
        : undefined,
      statusCallbackMethod: parseMethod(a.statusCallbackMethod),
      statusCallbackEvents: (a.statusCallbackEvent ?? "completed").split(/[\s,]+/).filter(Boolean),
      customParameters,
      sendDigits: a.sendDigits,
    };
  }

  private async dialLegs(
    parent: Call,
    run: Run,
    targets: Target[],
    attrs: Record<string, string>,
    docUrl: string | null,
  ): Promise<DialOutcome> {
    const { ctx } = this.core;
    const timeout = Math.min(600, Math.max(5, parseNumber(attrs.timeout, 30)));
    const callerId = attrs.callerId || parent.from;
    if (
      targets.some((t) => !t.to.startsWith("client:")) &&
      (callerId.startsWith("client:") || !/^\+?[\w\s()-]+$/.test(callerId))
    ) {
      ctx.debugger.report({
        level: "error",
        code: 13214,
        message: `Dial: invalid callerId "${callerId}" for dialing a number`,
        resourceSid: parent.sid,
      });
      return { status: "failed", bridged: false };
    }
    const sequential = parseBool(attrs.sequential, false);
    const children: Call[] = [];
    const makeLeg = (t: Target) => {
      const child = this.core.newCall({
        from: t.to.startsWith("client:") ? parent.from : callerId,
        to: t.to,
        direction: "outbound-dial",
        status: "queued",
        parentCallSid: parent.sid,
        endpoint: this.core.endpointFor(t.to),
        statusCallback: t.statusCallback ?? null,
        statusCallbackMethod: t.statusCallbackMethod,
        statusCallbackEvents: t.statusCallbackEvents,
        customParameters: t.customParameters,
        timeoutSeconds: timeout,
      });
      children.push(child);
      return child;
    };
    const stopAll = (except?: Call) => {
      for (const c of children)
        if (c !== except && !isTerminal(c.status)) this.core.hangup(c, "canceled");
    };
    const offAbort = run.onAbort(() => stopAll());
    let winner: Call | null = null;
    let winnerTarget: Target | null = null;
    const outcomes: string[] = [];
    try {
      const groups = sequential ? targets.map((t) => [t]) : [targets];
      for (const group of groups) {
        const won = deferred<{ leg: Call; target: Target } | null>();
        let pending = group.length;
        for (const t of group) {
          const leg = makeLeg(t);
          void this.core.ring(leg, timeout).then(async (result) => {
            outcomes.push(result);
            if (result === "answered" && !won.settled()) {
              // Whisper: the called party hears the <Number url> TwiML before the bridge.
              if (t.url) {
                const whisperRun = run.child();
                this.core.runtime(leg.sid).run = whisperRun;
                const whisper = await this.engine.interpreter.execute(
                  leg,
                  whisperRun,
                  { kind: "url", url: t.url, method: t.method },
                  "whisper",
                );
                if (whisper !== "done" || isTerminal(leg.status)) {
                  if (--pending === 0) won.resolve(null);
                  return;
                }
              }
              if (!won.settled()) won.resolve({ leg, target: t });
              else this.core.hangup(leg, "completed");
              return;
            }
            if (--pending === 0) won.resolve(null);
          });
        }
        const result = await run.race(won.promise);
        if (result === ABORTED) break;
        if (result) {
          winner = result.leg;
          winnerTarget = result.target;
          stopAll(winner);
          break;
        }
      }
    } finally {
      offAbort();
    }
    if (!winner) {
      stopAll();
      if (run.aborted) return { status: "canceled", bridged: false };
      const status = outcomes.includes("busy")
        ? "busy"
        : outcomes.includes("failed") && !outcomes.includes("no-answer")
          ? "failed"
          : "no-answer";
      const last = children[children.length - 1];
      return { status, bridged: false, dialCallSid: last?.sid, duration: 0 };
    }
    if (parent.status === "ringing" && parent.direction === "inbound")
      this.core.setStatus(parent, "in-progress");
    return this.bridgeUntilEnd(parent, winner, run, attrs, docUrl, { target: winnerTarget });
  }

  /** Bridges the caller with the answered leg until either side ends it (or hangupOnStar, timeLimit, a redirect). */
  async bridgeUntilEnd(
    parent: Call,
    child: Call,
    run: Run,
    attrs: Record<string, string>,
    docUrl: string | null,
    options: { recordFromRinging?: boolean; target?: Target | null; endOther?: boolean } = {},
  ): Promise<DialOutcome> {
    const recordMode = (attrs.record ?? "do-not-record").toLowerCase();
    const recordFromRinging =
      options.recordFromRinging ?? recordMode.startsWith("record-from-ringing");
    const target = options.target ?? null;
    const { ctx } = this.core;
    const bridgedAt = this.core.now();
    this.core.bridge(parent, child);
    if (target?.sendDigits) {
      for (const d of target.sendDigits)
        if (d !== "w") this.core.runtime(child.sid).input?.digits?.(d);
    }
    const recording =
      recordMode !== "do-not-record" && recordMode !== "false"
        ? this.engine.recordings.start({
            callSid: parent.sid,
            legs: [parent.sid, child.sid],
            source: "DialVerb",
            channels: recordMode.endsWith("-dual") ? 2 : 1,
            startedAt: recordFromRinging ? child.dateCreated : bridgedAt,
            statusCallback: attrs.recordingStatusCallback
              ? this.engine.interpreter.resolve(attrs.recordingStatusCallback, docUrl)
              : null,
            statusCallbackMethod: parseMethod(attrs.recordingStatusCallbackMethod),
            statusCallbackEvents: (attrs.recordingStatusCallbackEvent ?? "completed")
              .split(/[\s,]+/)
              .filter(Boolean),
            track: (attrs.recordingTrack as "inbound" | "outbound" | "both" | undefined) ?? "both",
          })
        : null;
    const ended = deferred<"child" | "star" | "limit" | "parent" | "detached">();
    void this.core.runtime(child.sid).ended.promise.then(() => ended.resolve("child"));
    const childRt = this.core.runtime(child.sid);
    childRt.detach = () => ended.resolve("detached");
    const offAbort = run.onAbort(() => ended.resolve("parent"));
    const limit = ctx.clock.setTimeout(
      () => ended.resolve("limit"),
      Math.max(1, parseNumber(attrs.timeLimit, 14400)) * 1000,
    );
    const rt = this.core.runtime(parent.sid);
    if (parseBool(attrs.hangupOnStar, false))
      rt.input = { digits: (d) => d.includes("*") && ended.resolve("star") };
    const why = await ended.promise;
    offAbort();
    childRt.detach = null;
    ctx.clock.clearTimeout(limit);
    if (rt.input && parseBool(attrs.hangupOnStar, false)) rt.input = null;
    const childAnsweredAt = this.core.runtime(child.sid).answeredAt ?? bridgedAt;
    // A Dial's called leg ends with the caller; a dequeued caller continues its own TwiML.
    if (why !== "child" && why !== "detached" && options.endOther !== false)
      this.core.hangup(child, "completed");
    this.core.unbridge(parent, child);
    const recordingSid = recording ? await this.engine.recordings.stop(recording) : undefined;
    return {
      status: "completed",
      bridged: true,
      dialCallSid: child.sid,
      duration: Math.round((this.core.now() - childAnsweredAt) / 1000),
      recordingSid,
    };
  }
}
