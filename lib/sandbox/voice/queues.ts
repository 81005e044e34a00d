/**
 * Call queues (docs/twilio-contract.md §2.7, §4.7): <Enqueue> with the waitUrl loop, <Leave>,
 * <Dial><Queue>, the Queues/Members REST dequeue, and TaskRouter: <Enqueue workflowSid> creates
 * a Task through ctx.taskrouter and keeps the caller waiting until TaskRouter moves the call
 * (conference, redirect, dequeue); a caller who hangs up first cancels the Task.
 */
import type { XmlElement } from "../core/xml";
import type { DialOutcome } from "./dial";
import { HOLD_MUSIC_URL, type Flow } from "./interpreter";
import { isTerminal, type Call, type Method, type Queue } from "./model";
import { parseMethod, parseNumber, taskAttributesFor } from "./params";
import { ABORTED, deferred, Run } from "./run";
import type { QueueSignal } from "./engine";
import type { VoiceEngine } from "./voice-engine";

const DEFAULT_MAX_SIZE = 100;

export class Queues {
  constructor(private readonly engine: VoiceEngine) {}

  private get core() {
    return this.engine.core;
  }

  get(sid: string): Queue | undefined {
    return this.core.state.queues.find((q) => q.sid === sid);
  }

  byName(name: string): Queue | undefined {
    return this.core.state.queues.find((q) => q.friendlyName === name);
  }

  create(name: string, maxSize = DEFAULT_MAX_SIZE): Queue {
    const now = this.core.now();
    const queue: Queue = {
      sid: this.core.ctx.sids.next("QU"),
      friendlyName: name,
      maxSize,
      dateCreated: now,
      dateUpdated: now,
      members: [],
      waits: [],
    };
    this.core.state.queues.push(queue);
    return queue;
  }

  position(queue: Queue, callSid: string): number {
    return queue.members.findIndex((m) => m.callSid === callSid) + 1;
  }

  averageWait(queue: Queue): number {
    const waits = [...queue.waits, ...queue.members.map((m) => this.core.now() - m.dateEnqueued)];
    return waits.length === 0
      ? 0
      : Math.round(waits.reduce((a, b) => a + b, 0) / waits.length / 1000);
  }

  private leave(queue: Queue, callSid: string): number {
    const member = queue.members.find((m) => m.callSid === callSid);
    if (!member) return 0;
    queue.members = queue.members.filter((m) => m !== member);
    const waited = this.core.now() - member.dateEnqueued;
    queue.waits.push(waited);
    if (queue.waits.length > 100) queue.waits.shift();
    queue.dateUpdated = this.core.now();
    this.emit(queue);
    return Math.round(waited / 1000);
  }

  emit(queue: Queue) {
    this.core.ctx.emit("queue.updated", {
      sid: queue.sid,
      friendlyName: queue.friendlyName,
      members: queue.members.map((m) => m.callSid),
    });
  }

  /** <Enqueue>: waits in the queue (waitUrl loop) until something takes the caller out. */
  async enqueue(call: Call, run: Run, verb: XmlElement, docUrl: string | null): Promise<Flow> {
    const { ctx } = this.core;
    const a = verb.attrs;
    const interp = this.engine.interpreter;
    const action = a.action ? interp.resolve(a.action, docUrl) : null;
    const method = parseMethod(a.method);
    const workflowSid = a.workflowSid;
    const name = verb.text || workflowSid || "";
    const finish = (params: Record<string, string>): Flow => {
      if (isTerminal(call.status)) {
        if (action)
          void ctx.webhooks.send({
            kind: "voice",
            url: action,
            method,
            params: { ...this.core.params(call), ...params },
            resourceSid: call.sid,
          });
        return { kind: "stop" };
      }
      if (!action) return { kind: "next" };
      return { kind: "goto", source: { kind: "url", url: action, method, params } };
    };
    if (!name) {
      ctx.debugger.report({
        level: "error",
        code: 12200,
        message: "<Enqueue> needs a queue name or a workflowSid",
        resourceSid: call.sid,
      });
      return finish({ QueueResult: "system-error" });
    }
    let taskSid: string | null = null;
    if (workflowSid) {
      if (!ctx.taskrouter) {
        ctx.debugger.report({
          level: "unsupported",
          code: 0,
          message: "<Enqueue workflowSid> needs the TaskRouter engine, which is not mounted",
          resourceSid: call.sid,
        });
        return finish({ QueueResult: "system-error" });
      }
      const taskNoun = verb.children.find((c) => c.name === "Task");
      let custom: Record<string, unknown> = {};
      if (taskNoun?.text) {
        try {
          const parsed = JSON.parse(taskNoun.text) as unknown;
          if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
            custom = parsed as Record<string, unknown>;
          else throw new Error("not an object");
        } catch {
          ctx.debugger.report({
            level: "error",
            code: 12100,
            message: "<Task> must contain a JSON object of task attributes",
            resourceSid: call.sid,
          });
          return finish({ QueueResult: "error" });
        }
      }
      try {
        const created = await ctx.taskrouter.createTask({
          workflowSid,
          attributes: { ...taskAttributesFor(this.core.params(call)), ...custom },
          priority:
            taskNoun?.attrs.priority !== undefined
              ? parseNumber(taskNoun.attrs.priority, 0)
              : undefined,
          timeoutSeconds:
            taskNoun?.attrs.timeout !== undefined
              ? parseNumber(taskNoun.attrs.timeout, 86400)
              : undefined,
          taskChannel: "voice",
        });
        taskSid = created.taskSid;
      } catch (error) {
        ctx.debugger.report({
          level: "error",
          code: 40001,
          message: `Could not create the TaskRouter task: ${error instanceof Error ? error.message : String(error)}`,
          resourceSid: call.sid,
        });
        return finish({ QueueResult: "error" });
      }
      if (isTerminal(call.status) || run.aborted) {
        await this.cancelTask(taskSid, "The caller hung up before the task was queued");
        return { kind: "stop" };
      }
    }
    const queue =
      this.byName(name) ??
      this.create(
        name,
        a.maxQueueSize ? parseNumber(a.maxQueueSize, DEFAULT_MAX_SIZE) : DEFAULT_MAX_SIZE,
      );
    const maxSize = a.maxQueueSize ? parseNumber(a.maxQueueSize, queue.maxSize) : queue.maxSize;
    if (queue.members.length >= maxSize) {
      if (taskSid) await this.cancelTask(taskSid, "queue-full");
      return finish({ QueueResult: "queue-full" });
    }
    queue.members.push({ callSid: call.sid, dateEnqueued: this.core.now() });
    queue.dateUpdated = this.core.now();
    this.emit(queue);
    call.activity = { kind: "queue", queueSid: queue.sid, taskSid };
    this.core.emitCall(call);
    const rt = this.core.runtime(call.sid);
    rt.taskSid = taskSid;
    const signal = deferred<QueueSignal>();
    rt.queueSignal = (s) => signal.resolve(s);

    const waitRun = run.child();
    const waitUrl = a.waitUrl ? interp.resolve(a.waitUrl, docUrl) : null;
    const waitMethod = parseMethod(a.waitUrlMethod);
    const waitLoop = waitUrl
      ? this.waitLoop(call, waitRun, queue, waitUrl, waitMethod)
      : this.core
          .play(call, { kind: "play", url: HOLD_MUSIC_URL, loop: 0 }, waitRun, 24 * 3600_000)
          .then(() => "ended" as const);
    const first = await run.race(
      Promise.race([
        waitLoop.then((r) => ({ kind: "loop" as const, r })),
        signal.promise.then((s) => ({ kind: "signal" as const, s })),
      ]),
    );
    waitRun.abort("left the queue");
    rt.queueSignal = null;
    rt.taskSid = null;
    const queueTime = this.leave(queue, call.sid);
    call.queueTime += queueTime;
    const base = { QueueSid: queue.sid, QueueTime: String(queueTime) };
    if (first === ABORTED) {
      // Hangup, or a REST/TaskRouter redirect of the whole call.
      const hungUp = isTerminal(call.status);
      if (taskSid && hungUp) await this.cancelTask(taskSid, "The caller hung up");
      if (action) {
        void ctx.webhooks.send({
          kind: "voice",
          url: action,
          method,
          params: {
            ...this.core.params(call),
            QueueResult: hungUp ? "hangup" : "redirected",
            ...base,
          },
          resourceSid: call.sid,
        });
      }
      return { kind: "stop" };
    }
    if (first.kind === "loop") {
      if (first.r === "leave") {
        if (taskSid) await this.cancelTask(taskSid, "The caller left the queue");
        return finish({ QueueResult: "leave", ...base });
      }
      if (taskSid) await this.cancelTask(taskSid, "The caller hung up");
      return finish({ QueueResult: "hangup", ...base });
    }
    const s = first.s;
    if (s.kind === "redirect") {
      if (action)
        void ctx.webhooks.send({
          kind: "voice",
          url: action,
          method,
          params: { ...this.core.params(call), QueueResult: "redirected", ...base },
          resourceSid: call.sid,
        });
      return { kind: "goto", source: { kind: "url", url: s.url, method: s.method } };
    }
    await s.perform(run);
    if (run.aborted && !isTerminal(call.status)) return { kind: "stop" };
    return finish({ QueueResult: "bridged", ...base });
  }

  private async waitLoop(
    call: Call,
    run: Run,
    queue: Queue,
    url: string,
    method: Method,
  ): Promise<"leave" | "ended"> {
    // The waitUrl params are computed per request, so the position stays current.
    const source = () => ({
      kind: "url" as const,
      url,
      method,
      params: {
        QueuePosition: String(this.position(queue, call.sid)),
        QueueSid: queue.sid,
        QueueTime: String(
          Math.round(
            (this.core.now() -
              (queue.members.find((m) => m.callSid === call.sid)?.dateEnqueued ??
                this.core.now())) /
              1000,
          ),
        ),
        AvgQueueTime: String(this.averageWait(queue)),
        CurrentQueueSize: String(queue.members.length),
        MaxQueueSize: String(queue.maxSize),
      },
    });
    for (;;) {
      const result = await this.engine.interpreter.execute(call, run, source(), "queue-wait");
      if (result === "leave") return "leave";
      if (result === "ended" || result === "aborted" || run.aborted || isTerminal(call.status))
        return "ended";
    }
  }

  private async cancelTask(taskSid: string, reason: string) {
    try {
      await this.core.ctx.taskrouter?.cancelTask(taskSid, reason);
    } catch (error) {
      this.core.ctx.log.warn("cancelTask failed", { taskSid, error: String(error) });
    }
  }

  /** <Dial><Queue>: bridges the dialing leg with the queue's front member. */
  async dialQueue(
    call: Call,
    run: Run,
    noun: XmlElement,
    dialAttrs: Record<string, string>,
    docUrl: string | null,
  ): Promise<DialOutcome> {
    const { ctx } = this.core;
    if (noun.attrs.reservationSid) {
      ctx.debugger.report({
        level: "unsupported",
        code: 0,
        message:
          "<Queue reservationSid> is not emulated: use the conference or dequeue instruction",
        resourceSid: call.sid,
      });
    }
    const queue = this.byName(noun.text);
    const member = queue?.members.find((m) => {
      const c = this.core.call(m.callSid);
      return c && !isTerminal(c.status) && this.core.runtime(m.callSid).queueSignal;
    });
    if (!queue || !member)
      return { status: "failed", bridged: false, extra: queue ? { QueueSid: queue.sid } : {} };
    const caller = this.core.call(member.callSid)!;
    if (call.status === "ringing" && call.direction === "inbound")
      this.core.setStatus(call, "in-progress");
    const queueTime = String(Math.round((this.core.now() - member.dateEnqueued) / 1000));
    const bridged = deferred<DialOutcome>();
    const url = noun.attrs.url ? this.engine.interpreter.resolve(noun.attrs.url, docUrl) : null;
    this.core.runtime(caller.sid).queueSignal!({
      kind: "bridge",
      perform: async (callerRun) => {
        if (url) {
          // The <Queue url> TwiML plays to the dequeued caller before the bridge.
          const pre = callerRun.child();
          const result = await this.engine.interpreter.execute(
            caller,
            pre,
            {
              kind: "url",
              url,
              method: parseMethod(noun.attrs.method),
              params: { QueueSid: queue.sid, QueueTime: queueTime, DequeingCallSid: call.sid },
            },
            "whisper",
          );
          if (result !== "done") {
            bridged.resolve({ status: "failed", bridged: false, extra: { QueueSid: queue.sid } });
            return;
          }
        }
        const outcome = await this.engine.dial.bridgeUntilEnd(
          call,
          caller,
          run,
          dialAttrs,
          docUrl,
          { endOther: false },
        );
        bridged.resolve({ ...outcome, extra: { QueueSid: queue.sid } });
      },
    });
    const outcome = await bridged.promise;
    return outcome;
  }

  /** REST: POST Queues/{QU}/Members/{CallSid|Front} with Url — the member leaves and runs that TwiML. */
  redirectMember(callSid: string, url: string, method: Method): boolean {
    const signal = this.core.runtime(callSid).queueSignal;
    if (!signal) return false;
    signal({ kind: "redirect", url, method });
    return true;
  }

  /**
   * TaskRouter's dequeue instruction: dials the worker and bridges the queued caller with them.
   * The caller keeps waiting while the worker's leg rings.
   */
  async dequeueToWorker(
    callSid: string,
    options: {
      to: string;
      from: string;
      timeoutSeconds?: number;
      record?: boolean;
      statusCallback?: string;
      statusCallbackEvents?: string[];
    },
  ): Promise<{ workerCallSid: string }> {
    const caller = this.core.call(callSid);
    const rt = this.core.runtime(callSid);
    if (!caller || isTerminal(caller.status) || !rt.queueSignal)
      throw new Error(`Call ${callSid} is not waiting in a queue`);
    const worker = this.core.newCall({
      from: options.from,
      to: options.to,
      direction: "outbound-api",
      status: "queued",
      endpoint: this.core.endpointFor(options.to),
      statusCallback: options.statusCallback ?? null,
      statusCallbackMethod: "GET",
      statusCallbackEvents: options.statusCallbackEvents ?? ["completed"],
      timeoutSeconds: options.timeoutSeconds ?? 60,
    });
    void (async () => {
      const outcome = await this.core.ring(worker, options.timeoutSeconds ?? 60);
      if (outcome !== "answered") return;
      const signal = this.core.runtime(callSid).queueSignal;
      if (!signal) {
        this.core.hangup(worker, "completed");
        return;
      }
      const workerRun = new Run();
      this.core.runtime(worker.sid).run = workerRun;
      signal({
        kind: "bridge",
        perform: async () => {
          await this.engine.dial.bridgeUntilEnd(
            worker,
            caller,
            workerRun,
            { record: options.record ? "record-from-answer" : "do-not-record" },
            null,
            { endOther: false },
          );
          this.core.hangup(worker, "completed");
        },
      });
    })();
    return { workerCallSid: worker.sid };
  }
}
