/**
 * Assignment callbacks and reservation instructions (contract §4.4/§4.5,
 * https://www.twilio.com/docs/taskrouter/handle-assignment-callbacks).
 *
 * When a reservation is created TaskRouter POSTs the assignment callback (signed, 5 s, JSON
 * answer) before `reservation.created` reaches the event callback and the SDK; then it carries
 * out the answered instruction. The same instructions come over REST (`Instruction=…` with
 * PascalCase parameters) and from the SDK through the event bridge.
 *
 * Voice instructions go through the voice engine (ctx.voice):
 * - conference: `addConferenceParticipant(<TaskSid>, worker leg)`; when the worker answers,
 *   `moveCallToConference(<task call_sid>, <TaskSid>)`; the reservation is accepted only when
 *   both succeeded.
 * - dequeue: `dequeueCall(<task call_sid>, {to, from, …})` bridges the worker with the queued
 *   caller; the reservation is accepted when the worker answers.
 * - call: `createCall` to the worker with the instruction's `url`.
 * - redirect: `updateCall(call_sid, {url})`.
 */
import type { VoiceEngineApi } from "../core/types";
import type { TaskRouterEngine } from "./engine";
import { invalid } from "./errors";
import { parseAttributes, type Reservation, type Task, type Worker } from "./model";
import { acceptReservation, rejectReservation } from "./reservations";
import { snakeCase, taskAge } from "./serialize";

export type InstructionOptions = Record<string, unknown>;

/** Sends the assignment callback, announces the reservation, then applies the answer. */
export async function runAssignment(
  engine: TaskRouterEngine,
  reservationSid: string,
): Promise<void> {
  const reservation = engine.state.reservations.get(reservationSid);
  if (!reservation) return;
  const workspace = engine.workspace(reservation.workspaceSid);
  const task = engine.task(reservation.workspaceSid, reservation.taskSid);
  const worker = engine.worker(reservation.workspaceSid, reservation.workerSid);
  const workflow = engine.workflow(task.workspaceSid, task.workflowSid);
  let instruction: InstructionOptions | null = null;
  if (workflow.assignmentCallbackUrl) {
    const params: Record<string, string> = {
      AccountSid: engine.ctx.account.accountSid,
      WorkspaceSid: workspace.sid,
      WorkflowSid: workflow.sid,
      TaskQueueSid: reservation.taskQueueSid ?? "",
      WorkerSid: worker.sid,
      WorkerAttributes: worker.attributes,
      TaskSid: task.sid,
      TaskAttributes: task.attributes,
      TaskAge: String(taskAge(engine, task)),
      TaskPriority: String(task.priority),
      ReservationSid: reservation.sid,
      Timestamp: String(Math.floor(engine.now() / 1000)),
    };
    try {
      const result = await engine.ctx.webhooks.send({
        kind: "taskrouter-assignment",
        url: workflow.assignmentCallbackUrl,
        method: "POST",
        params,
        fallbackUrl: workflow.fallbackAssignmentCallbackUrl ?? undefined,
        fallbackMethod: "POST",
        resourceSid: reservation.sid,
      });
      if (result.ok && result.status === 200)
        instruction = parseAnswer(engine, reservation, result.body);
    } catch (error) {
      engine.ctx.log.error("taskrouter assignment callback failed", {
        reservationSid,
        error: String(error),
      });
    }
  }
  const current = engine.state.reservations.get(reservationSid);
  const currentTask = engine.state.tasks.get(reservation.taskSid);
  if (!current || !currentTask) return;
  engine.events.publish("reservation.created", {
    workspace,
    task: currentTask,
    reservation: current,
    worker: engine.state.workers.get(current.workerSid) ?? worker,
    queue: current.taskQueueSid
      ? (engine.state.taskQueues.get(current.taskQueueSid) ?? null)
      : null,
  });
  if (instruction && current.status === "pending") {
    try {
      const run = prepareInstruction(engine, current, instruction);
      await run();
    } catch (error) {
      engine.ctx.debugger.report({
        level: "error",
        code: 55555,
        message: `Assignment instruction for Reservation ${reservationSid} failed: ${(error as Error).message}`,
        resourceSid: reservationSid,
        url: workflow.assignmentCallbackUrl ?? undefined,
      });
    }
  }
}

/** `{"instruction": …}` or an empty 200 (accept or reject later over REST / the SDK). */
function parseAnswer(
  engine: TaskRouterEngine,
  reservation: Reservation,
  body: string,
): InstructionOptions | null {
  if (body.trim() === "") return null;
  try {
    const value: unknown = JSON.parse(body);
    if (
      value &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      typeof (value as InstructionOptions).instruction === "string"
    ) {
      return value as InstructionOptions;
    }
    engine.ctx.debugger.report({
      level: "error",
      code: 40001,
      message: `Assignment callback answer for Reservation ${reservation.sid} has no "instruction"`,
      resourceSid: reservation.sid,
      details: { body: body.slice(0, 500) },
    });
  } catch {
    engine.ctx.debugger.report({
      level: "error",
      code: 40001,
      message: `Could not parse the assignment callback answer for Reservation ${reservation.sid} as JSON`,
      resourceSid: reservation.sid,
      details: { body: body.slice(0, 500) },
    });
  }
  return null;
}

/** REST / bridge `Instruction=…` parameters → the assignment-callback JSON form. */
export function instructionFromRest(
  params: Record<string, string | string[] | undefined>,
): InstructionOptions {
  const instruction = String(params.Instruction ?? "");
  const prefix = { dequeue: "Dequeue", call: "Call", redirect: "Redirect" }[instruction];
  const options: InstructionOptions = { instruction };
  for (const [key, value] of Object.entries(params)) {
    if (key === "Instruction" || value === undefined) continue;
    const name = prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key;
    let snake = snakeCase(name);
    if (snake === "status_callback_event" && instruction === "dequeue")
      snake = "status_callback_events";
    if (snake === "worker_activity_sid") snake = "activity_sid";
    options[snake] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return options;
}

const str = (value: unknown): string | undefined =>
  value === undefined || value === null || value === ""
    ? undefined
    : Array.isArray(value)
      ? String(value[0])
      : String(value);
const bool = (value: unknown): boolean | undefined => {
  const text = str(value);
  return text === undefined ? undefined : text.toLowerCase() === "true";
};
const num = (value: unknown): number | undefined => {
  const text = str(value);
  return text === undefined || Number.isNaN(Number(text)) ? undefined : Number(text);
};
const list = (value: unknown): string[] | undefined => {
  if (value === undefined || value === null || value === "") return undefined;
  const items = Array.isArray(value) ? value.map(String) : String(value).split(/[ ,]+/);
  return items.map((item) => item.trim()).filter(Boolean);
};

/**
 * Checks an instruction synchronously (bad input is a 400 over REST) and returns the work to do.
 */
export function prepareInstruction(
  engine: TaskRouterEngine,
  reservation: Reservation,
  options: InstructionOptions,
): () => Promise<void> {
  const task = engine.task(reservation.workspaceSid, reservation.taskSid);
  const worker = engine.worker(reservation.workspaceSid, reservation.workerSid);
  const kind = str(options.instruction);
  switch (kind) {
    case "accept":
      acceptReservation(engine, reservation);
      engine.dispatch(reservation.workspaceSid);
      return async () => {};
    case "reject":
      rejectReservation(engine, reservation, str(options.activity_sid) ?? null);
      engine.dispatch(reservation.workspaceSid);
      return async () => {};
    case "dequeue":
      return prepareBridge(engine, reservation, task, worker, options, "dequeue");
    case "conference":
      return prepareBridge(engine, reservation, task, worker, options, "conference");
    case "call":
      return prepareCall(engine, reservation, task, worker, options);
    case "redirect":
      return prepareRedirect(engine, reservation, options);
    default:
      throw invalid(
        `Unknown instruction "${kind ?? ""}": use accept, reject, dequeue, call, redirect or conference`,
      );
  }
}

function voiceOf(engine: TaskRouterEngine, instruction: string): VoiceEngineApi {
  if (!engine.ctx.voice)
    throw invalid(
      `The ${instruction} instruction needs the sandbox voice engine, which is not running`,
    );
  return engine.ctx.voice;
}

function requirePending(reservation: Reservation): void {
  if (reservation.status !== "pending")
    throw invalid(`Reservation ${reservation.sid} is ${reservation.status}, not pending`);
}

function contactOf(worker: Worker, to: string | undefined, instruction: string): string {
  const contact = to ?? str(parseAttributes(worker.attributes).contact_uri);
  if (!contact)
    throw invalid(
      `The ${instruction} instruction needs "to" or a contact_uri attribute on Worker ${worker.sid}`,
    );
  return contact;
}

function checkActivity(
  engine: TaskRouterEngine,
  workspaceSid: string,
  activitySid: string | undefined,
): void {
  if (activitySid) engine.activity(workspaceSid, activitySid);
}

const ENDED = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

/**
 * Resolves when the worker's leg is answered; rejects when it ends unanswered or when the
 * reservation stops being pending (rejected, timeout, canceled), also before the leg was placed. Listens to the voice engine's
 * `call.updated` events and checks `getCall` on the sandbox clock every second as well.
 */
function waitForAnswer(
  engine: TaskRouterEngine,
  voice: VoiceEngineApi,
  callSid: string,
  reservationSid: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof engine.ctx.clock.setTimeout> | undefined;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      engine.ctx.events.off("event", onVoiceEvent);
      unsubscribe();
      engine.ctx.clock.clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const check = (status: string | undefined) => {
      if (status === "in-progress") finish();
      else if (status && ENDED.has(status))
        finish(new Error(`the worker's leg ${callSid} ended (${status}) without answering`));
    };
    const onVoiceEvent = (event: { type?: string; data?: { sid?: string; status?: string } }) => {
      if (event?.type === "call.updated" && event.data?.sid === callSid) check(event.data.status);
    };
    // The reservation may also have moved on while the leg was being placed (the app rejected
    // it right away), before this listener existed: look at its status as well.
    const checkReservation = () => {
      const status = engine.state.reservations.get(reservationSid)?.status ?? "deleted";
      if (status !== "pending") finish(new Error(`Reservation ${reservationSid} is ${status}`));
    };
    const unsubscribe = engine.events.onEvent((event, subject) => {
      if (subject.reservation?.sid === reservationSid) checkReservation();
    });
    const poll = () => {
      timer = engine.ctx.clock.setTimeout(() => {
        check(voice.getCall(callSid)?.status);
        checkReservation();
        if (!done) poll();
      }, 1000);
    };
    engine.ctx.events.on("event", onVoiceEvent);
    poll();
    check(voice.getCall(callSid)?.status);
    checkReservation();
  });
}

/** conference and dequeue: ring the worker; once answered, the caller is connected and the reservation accepted. */
function prepareBridge(
  engine: TaskRouterEngine,
  reservation: Reservation,
  task: Task,
  worker: Worker,
  options: InstructionOptions,
  kind: "conference" | "dequeue",
): () => Promise<void> {
  requirePending(reservation);
  const voice = voiceOf(engine, kind);
  const attributes = parseAttributes(task.attributes);
  const callerCallSid = str(attributes.call_sid);
  if (!callerCallSid)
    throw invalid(
      `The ${kind} instruction needs a voice task whose attributes include call_sid (a task created by <Enqueue>)`,
    );
  const to = contactOf(worker, str(options.to), kind);
  const from = str(options.from) ?? str(attributes.to) ?? str(attributes.called);
  if (!from)
    throw invalid(
      `The ${kind} instruction needs "from" (or a task attribute "to", the number the caller dialed)`,
    );
  const postWork = str(options.post_work_activity_sid);
  checkActivity(engine, task.workspaceSid, postWork);
  const timeoutSeconds = num(options.timeout) ?? 60;
  const record = str(options.record) ?? str(options.conference_record);
  const statusCallback = str(options.status_callback) ?? str(options.status_callback_url);
  const statusCallbackEvent =
    list(options.status_callback_event) ?? list(options.status_callback_events);
  const accept = (patch: Record<string, unknown>) => {
    const current = engine.state.reservations.get(reservation.sid);
    if (!current || current.status !== "pending")
      throw new Error(`Reservation ${reservation.sid} is no longer pending`);
    updateTaskAttributes(engine, task, patch);
    task.postWorkActivitySid = postWork ?? null;
    acceptReservation(engine, current);
    engine.dispatch(task.workspaceSid);
  };

  if (kind === "dequeue") {
    // Twilio bridges the worker straight to the queued caller (no conference).
    return async () => {
      const { workerCallSid } = await voice.dequeueCall(callerCallSid, {
        to,
        from,
        timeoutSeconds,
        record: record === "record-from-answer",
        ...(statusCallback ? { statusCallback } : {}),
        ...(statusCallbackEvent ? { statusCallbackEvents: statusCallbackEvent } : {}),
      });
      try {
        await waitForAnswer(engine, voice, workerCallSid, reservation.sid);
        accept({ worker_call_sid: workerCallSid });
      } catch (error) {
        await voice.updateCall(workerCallSid, { status: "completed" }).catch(() => undefined);
        throw error;
      }
    };
  }

  const conferenceName = task.sid;
  const conferenceRecord =
    record === "record-from-answer" || record === "record-from-start" || record === "true"
      ? "record-from-start"
      : undefined;
  return async () => {
    const workerLeg = await voice.addConferenceParticipant(conferenceName, {
      from,
      to,
      timeoutSeconds,
      startConferenceOnEnter: bool(options.start_conference_on_enter) ?? true,
      endConferenceOnExit: bool(options.end_conference_on_exit),
      muted: bool(options.muted),
      beep: bool(options.beep),
      earlyMedia: bool(options.early_media),
      waitUrl: str(options.wait_url),
      statusCallback,
      statusCallbackEvent,
      conferenceStatusCallback: str(options.conference_status_callback),
      conferenceStatusCallbackEvent: list(options.conference_status_callback_event),
      conferenceRecord,
      recordingStatusCallback:
        str(options.conference_recording_status_callback) ?? str(options.recording_status_callback),
    });
    try {
      // The caller keeps waiting in the queue until the worker picks up, as on Twilio.
      await waitForAnswer(engine, voice, workerLeg.callSid, reservation.sid);
      const moved = await voice.moveCallToConference(callerCallSid, conferenceName, {
        startConferenceOnEnter: true,
        endConferenceOnExit: bool(options.end_conference_on_customer_exit),
        beep: bool(options.beep_on_customer_entrance),
      });
      accept({
        conference: {
          sid: moved.conferenceSid,
          participants: { worker: workerLeg.callSid, customer: callerCallSid },
        },
      });
    } catch (error) {
      // Do not leave the worker ringing or sitting alone in the conference.
      await voice.updateCall(workerLeg.callSid, { status: "completed" }).catch(() => undefined);
      throw error;
    }
  };
}

function prepareCall(
  engine: TaskRouterEngine,
  reservation: Reservation,
  task: Task,
  worker: Worker,
  options: InstructionOptions,
): () => Promise<void> {
  requirePending(reservation);
  const voice = voiceOf(engine, "call");
  const to = contactOf(worker, str(options.to), "call");
  const from = str(options.from);
  if (!from) throw invalid('The call instruction needs "from" (CallFrom)');
  const url = str(options.url);
  if (!url)
    throw invalid('The call instruction needs "url" (CallUrl), the TwiML for the worker\'s leg');
  const accept = bool(options.accept) ?? false;
  const statusCallback = str(options.status_callback_url);
  return async () => {
    const call = await voice.createCall({
      to,
      from,
      url,
      method: "POST",
      timeoutSeconds: num(options.timeout) ?? 60,
      record: str(options.record) === "record-from-answer",
      ...(statusCallback ? { statusCallback, statusCallbackEvent: ["completed"] } : {}),
    });
    updateTaskAttributes(engine, task, { worker_call_sid: call.sid });
    const current = engine.state.reservations.get(reservation.sid);
    if (accept && current?.status === "pending") {
      acceptReservation(engine, current);
      engine.dispatch(task.workspaceSid);
    }
  };
}

function prepareRedirect(
  engine: TaskRouterEngine,
  reservation: Reservation,
  options: InstructionOptions,
): () => Promise<void> {
  requirePending(reservation);
  const voice = voiceOf(engine, "redirect");
  const callSid = str(options.call_sid);
  const url = str(options.url);
  if (!callSid || !url)
    throw invalid(
      'The redirect instruction needs "call_sid" and "url" (RedirectCallSid, RedirectUrl)',
    );
  const accept = bool(options.accept) ?? false;
  return async () => {
    await voice.updateCall(callSid, { url, method: "POST" });
    const current = engine.state.reservations.get(reservation.sid);
    if (accept && current?.status === "pending") {
      acceptReservation(engine, current);
      engine.dispatch(reservation.workspaceSid);
    }
  };
}

function updateTaskAttributes(
  engine: TaskRouterEngine,
  task: Task,
  patch: Record<string, unknown>,
): void {
  const current = engine.state.tasks.get(task.sid);
  if (!current) return;
  current.attributes = JSON.stringify({ ...parseAttributes(current.attributes), ...patch });
  current.dateUpdated = engine.now();
  current.version += 1;
  engine.events.publish("task.updated", {
    workspace: engine.workspace(current.workspaceSid),
    task: current,
  });
}
