/**
 * Unit-test harness for the TaskRouter engine: the real engine on a manual sandbox clock, with
 * small doubles for what other parts provide (webhook delivery, the voice engine, the debugger).
 * Integration with the real core (HTTP, signing) is covered by the conformance and SDK tests.
 */
import { EventEmitter } from "node:events";
import { createClock } from "../../core/clock";
import { createSidFactory } from "../../core/sids";
import type {
  CallSnapshot,
  ConferenceParticipantOptions,
  CreateCallOptions,
  DebuggerEntry,
  SandboxContext,
  VoiceEngineApi,
  WebhookRequest,
  WebhookResult,
} from "../../core/types";
import type { Actor } from "../engine";
import { createTaskRouterModule } from "../module";
import * as config from "../ops/config";
import type { Form } from "../ops/params";
import * as tasks from "../ops/tasks";
import * as workers from "../ops/workers";

export const START = Date.UTC(2026, 0, 5, 9, 0, 0);

export type WebhookReply = { status?: number; body?: string; contentType?: string; ok?: boolean };

export type VoiceCall =
  | { kind: "createCall"; options: CreateCallOptions }
  | { kind: "updateCall"; callSid: string; update: Parameters<VoiceEngineApi["updateCall"]>[1] }
  | {
      kind: "addConferenceParticipant";
      conferenceName: string;
      options: ConferenceParticipantOptions;
    }
  | {
      kind: "moveCallToConference";
      callSid: string;
      conferenceName: string;
      options: Omit<ConferenceParticipantOptions, "from" | "to">;
    }
  | {
      kind: "dequeueCall";
      callSid: string;
      options: { to: string; from: string; timeoutSeconds?: number };
    };

export function createHarness(options: { withVoice?: boolean } = {}) {
  const clock = createClock({ mode: "manual", start: START });
  const sent: WebhookRequest[] = [];
  const replies = new Map<
    string,
    (request: WebhookRequest) => WebhookReply | Promise<WebhookReply>
  >();
  const debuggerEntries: DebuggerEntry[] = [];
  const voiceCalls: VoiceCall[] = [];
  const voiceFailures = new Set<VoiceCall["kind"]>();
  let callCounter = 0;
  const calls = new Map<string, CallSnapshot>();
  /** How the double's outbound legs end up: answered (in-progress) unless a test says otherwise. */
  const outcome = { status: "in-progress" as CallSnapshot["status"] };
  const newCall = (from: string, to: string): CallSnapshot => {
    const call: CallSnapshot = {
      sid: `CA${String(++callCounter).padStart(32, "0")}`,
      parentCallSid: null,
      from,
      to,
      status: outcome.status,
      direction: "outbound-api",
      startTime: null,
      endTime: null,
    };
    calls.set(call.sid, call);
    return call;
  };
  const fail = (kind: VoiceCall["kind"]) => {
    if (voiceFailures.has(kind)) throw new Error(`${kind} failed (test double)`);
  };
  const voice: VoiceEngineApi = {
    async createCall(callOptions) {
      voiceCalls.push({ kind: "createCall", options: callOptions });
      fail("createCall");
      return newCall(callOptions.from, callOptions.to);
    },
    async updateCall(callSid, update) {
      voiceCalls.push({ kind: "updateCall", callSid, update });
      fail("updateCall");
      return { ...newCall("", ""), sid: callSid };
    },
    getCall: (callSid) => calls.get(callSid),
    async addConferenceParticipant(conferenceName, participant) {
      voiceCalls.push({ kind: "addConferenceParticipant", conferenceName, options: participant });
      fail("addConferenceParticipant");
      return {
        callSid: newCall(participant.from, participant.to).sid,
        conferenceSid: `CF${"f".repeat(32)}`,
      };
    },
    async moveCallToConference(callSid, conferenceName, moveOptions) {
      voiceCalls.push({
        kind: "moveCallToConference",
        callSid,
        conferenceName,
        options: moveOptions,
      });
      fail("moveCallToConference");
      return { conferenceSid: `CF${"f".repeat(32)}` };
    },
    async dequeueCall(callSid, dequeueOptions) {
      voiceCalls.push({ kind: "dequeueCall", callSid, options: dequeueOptions });
      fail("dequeueCall");
      return { workerCallSid: newCall(dequeueOptions.from, dequeueOptions.to).sid };
    },
    startClientCall: async () => newCall("", ""),
    startPhoneCall: async () => newCall("", ""),
    sendDigits: () => {},
    sendSpeech: () => {},
    endpointHangup: () => {},
  };
  const events = new EventEmitter();
  const emitted: { type: string; data: unknown }[] = [];
  const ctx: SandboxContext = {
    clock,
    sids: createSidFactory(),
    account: {
      accountSid: `AC${"a".repeat(32)}`,
      authToken: "b".repeat(32),
      apiKeys: [{ sid: `SK${"c".repeat(32)}`, secret: "s".repeat(32), friendlyName: "test" }],
    },
    webhooks: {
      async send(request): Promise<WebhookResult> {
        sent.push(request);
        const handler = replies.get(request.url);
        const reply = handler ? await handler(request) : { status: 204, body: "" };
        const status = reply.status ?? 200;
        return {
          ok: reply.ok ?? (status >= 200 && status < 300),
          status,
          contentType: reply.contentType ?? (reply.body ? "application/json" : null),
          body: reply.body ?? "",
          durationMs: 0,
          usedFallback: false,
          logId: String(sent.length),
        };
      },
    },
    debugger: { report: (entry) => debuggerEntries.push(entry) },
    log: { info: () => {}, warn: () => {}, error: () => {} },
    events,
    emit: (type, data) => {
      emitted.push({ type, data });
      events.emit("event", { type, data });
    },
    baseUrl: "http://127.0.0.1:3100",
    appUrl: "https://app.example.com",
    dataDir: ".data",
    ...(options.withVoice === false ? {} : { voice }),
  };
  const taskrouter = createTaskRouterModule(ctx);
  const engine = taskrouter.engine;
  const account: Actor = { type: "account", sid: ctx.account.accountSid };
  const run = <T>(operation: () => T) => engine.as(account, operation);

  const h = {
    ctx,
    clock,
    engine,
    module: taskrouter,
    sent,
    debuggerEntries,
    voiceCalls,
    voiceFailures,
    /** Status the double's new calls get ("in-progress" = answered; "no-answer", "busy"… = never answered). */
    callOutcome: outcome,
    calls,
    emitted,
    /** Answers webhooks sent to `url`. */
    reply(url: string, handler: (request: WebhookRequest) => WebhookReply | Promise<WebhookReply>) {
      replies.set(url, handler);
    },
    async settle() {
      await clock.settle();
      await engine.events.idle();
      await clock.settle();
    },
    async advance(ms: number) {
      await clock.advance(ms);
      await h.settle();
    },
    workspace(form: Form = {}) {
      return run(() =>
        config.createWorkspace(engine, {
          FriendlyName: `Workspace ${engine.state.workspaces.size + 1}`,
          ...form,
        }),
      );
    },
    activity(workspaceSid: string, name: string) {
      const activity = engine
        .inWorkspace(engine.state.activities, workspaceSid)
        .find((a) => a.friendlyName === name);
      if (!activity) throw new Error(`No activity ${name}`);
      return activity;
    },
    createActivity: (workspaceSid: string, form: Form) =>
      run(() => config.createActivity(engine, workspaceSid, form)),
    queue: (workspaceSid: string, form: Form) =>
      run(() => config.createTaskQueue(engine, workspaceSid, form)),
    workflow: (workspaceSid: string, form: Form) =>
      run(() => config.createWorkflow(engine, workspaceSid, form)),
    updateWorkflow: (workspaceSid: string, sid: string, form: Form) =>
      run(() => config.updateWorkflow(engine, workspaceSid, sid, form)),
    worker: (workspaceSid: string, form: Form) =>
      run(() => workers.createWorker(engine, workspaceSid, form)),
    updateWorker: (workspaceSid: string, sid: string, form: Form) =>
      run(() => workers.updateWorker(engine, workspaceSid, sid, form)),
    updateChannel: (workspaceSid: string, workerSid: string, channel: string, form: Form) =>
      run(() => workers.updateWorkerChannel(engine, workspaceSid, workerSid, channel, form)),
    task: (workspaceSid: string, form: Form) =>
      run(() => tasks.createTask(engine, workspaceSid, form)),
    updateTask: (workspaceSid: string, sid: string, form: Form, ifMatch?: string) =>
      run(() => tasks.updateTask(engine, workspaceSid, sid, form, ifMatch)),
    updateReservation: (workspaceSid: string, taskSid: string, sid: string, form: Form) =>
      run(() => tasks.updateReservation(engine, workspaceSid, { taskSid }, sid, form)),
    reservations(taskSid: string) {
      return engine.reservationsOfTask(taskSid);
    },
    pending(taskSid: string) {
      return engine.reservationsOfTask(taskSid).filter((r) => r.status === "pending");
    },
    eventTypes(filter?: (type: string) => boolean) {
      return engine.state.events
        .map((event) => event.eventType)
        .filter((type) => !filter || filter(type));
    },
    /** A workspace with Available/Offline workers and one queue + workflow (default filter). */
    basic(form: { workflow?: Form; queue?: Form; workspace?: Form } = {}) {
      const workspace = h.workspace(form.workspace);
      const available = h.activity(workspace.sid, "Available");
      const offline = h.activity(workspace.sid, "Offline");
      const queue = h.queue(workspace.sid, {
        FriendlyName: "Support",
        TargetWorkers: "1==1",
        ...form.queue,
      });
      const workflow = h.workflow(workspace.sid, {
        FriendlyName: "Main",
        Configuration: JSON.stringify({
          task_routing: { filters: [], default_filter: { queue: queue.sid } },
        }),
        ...form.workflow,
      });
      return { workspace, available, offline, queue, workflow };
    },
  };
  return h;
}

export type Harness = ReturnType<typeof createHarness>;
