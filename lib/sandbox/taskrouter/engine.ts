/**
 * The TaskRouter engine's core: state, look-ups, timers on the sandbox clock, and the actor of
 * the current operation. Routing, reservations, instructions and events live in their own files
 * and work on this object.
 */
import type { DebuggerEntry, SandboxContext, TimerHandle } from "../core/types";
import { notFound } from "./errors";
import { EventPublisher } from "./events";
import {
  emptyState,
  type Activity,
  type Reservation,
  type Task,
  type TaskChannel,
  type TaskQueue,
  type TaskRouterState,
  type Worker,
  type WorkerChannel,
  type Workflow,
  type Workspace,
} from "./model";

/** Who caused an event (REST Event `actor_*`): the account over REST, a worker over the bridge, or the workspace itself. */
export type Actor = { type: "account" | "worker" | "workspace"; sid: string };

export const TASKROUTER_HOST = "https://taskrouter.twilio.com";

export class TaskRouterEngine {
  state: TaskRouterState = emptyState();
  readonly events: EventPublisher;
  /** Set by the REST and bridge entry points for the duration of a synchronous operation. */
  actor: Actor | null = null;
  private readonly timers = new Map<string, TimerHandle>();
  private dispatching = false;
  private dispatchAgain = new Set<string>();
  /** Installed by routing.ts (avoids an import cycle between the core and routing). */
  dispatcher: ((engine: TaskRouterEngine, workspaceSid: string) => void) | null = null;

  constructor(readonly ctx: SandboxContext) {
    this.events = new EventPublisher(this);
  }

  now(): number {
    return this.ctx.clock.now();
  }

  newSid(prefix: string): string {
    return this.ctx.sids.next(prefix);
  }

  // ─────────────── look-ups (404 in Twilio's words) ───────────────

  workspace(sid: string): Workspace {
    const workspace = this.state.workspaces.get(sid);
    if (!workspace) throw notFound("Workspaces", sid);
    return workspace;
  }

  activity(workspaceSid: string, sid: string): Activity {
    const activity = this.state.activities.get(sid);
    if (!activity || activity.workspaceSid !== workspaceSid)
      throw notFound(`Workspaces/${workspaceSid}/Activities`, sid);
    return activity;
  }

  taskQueue(workspaceSid: string, sid: string): TaskQueue {
    const queue = this.state.taskQueues.get(sid);
    if (!queue || queue.workspaceSid !== workspaceSid)
      throw notFound(`Workspaces/${workspaceSid}/TaskQueues`, sid);
    return queue;
  }

  workflow(workspaceSid: string, sid: string): Workflow {
    const workflow = this.state.workflows.get(sid);
    if (!workflow || workflow.workspaceSid !== workspaceSid)
      throw notFound(`Workspaces/${workspaceSid}/Workflows`, sid);
    return workflow;
  }

  worker(workspaceSid: string, sid: string): Worker {
    const worker = this.state.workers.get(sid);
    if (!worker || worker.workspaceSid !== workspaceSid)
      throw notFound(`Workspaces/${workspaceSid}/Workers`, sid);
    return worker;
  }

  task(workspaceSid: string, sid: string): Task {
    const task = this.state.tasks.get(sid);
    if (!task || task.workspaceSid !== workspaceSid)
      throw notFound(`Workspaces/${workspaceSid}/Tasks`, sid);
    return task;
  }

  reservation(workspaceSid: string, sid: string): Reservation {
    const reservation = this.state.reservations.get(sid);
    if (!reservation || reservation.workspaceSid !== workspaceSid)
      throw notFound(`Workspaces/${workspaceSid}/Reservations`, sid);
    return reservation;
  }

  taskChannel(workspaceSid: string, sidOrUniqueName: string): TaskChannel {
    for (const channel of this.state.taskChannels.values()) {
      if (channel.workspaceSid !== workspaceSid) continue;
      if (channel.sid === sidOrUniqueName || channel.uniqueName === sidOrUniqueName) return channel;
    }
    throw notFound(`Workspaces/${workspaceSid}/TaskChannels`, sidOrUniqueName);
  }

  workerChannels(workerSid: string): WorkerChannel[] {
    return [...this.state.workerChannels.values()].filter(
      (channel) => channel.workerSid === workerSid,
    );
  }

  workerChannel(workerSid: string, taskChannelSid: string): WorkerChannel | undefined {
    return this.workerChannels(workerSid).find(
      (channel) => channel.taskChannelSid === taskChannelSid,
    );
  }

  reservationsOfTask(taskSid: string): Reservation[] {
    return [...this.state.reservations.values()].filter(
      (reservation) => reservation.taskSid === taskSid,
    );
  }

  reservationsOfWorker(workerSid: string): Reservation[] {
    return [...this.state.reservations.values()].filter(
      (reservation) => reservation.workerSid === workerSid,
    );
  }

  inWorkspace<T extends { workspaceSid: string }>(map: Map<string, T>, workspaceSid: string): T[] {
    return [...map.values()].filter((item) => item.workspaceSid === workspaceSid);
  }

  private readonly reported = new Set<string>();

  /** Reports a condition to the debugger feed once per key (routing re-checks it on every pass). */
  reportOnce(key: string, entry: DebuggerEntry): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.ctx.debugger.report(entry);
  }

  // ─────────────── timers (sandbox clock) ───────────────

  /** Arms (or re-arms) the named timer to fire at `dueAt` on the sandbox clock. */
  setTimer(key: string, dueAt: number, fire: () => void): void {
    this.clearTimer(key);
    const handle = this.ctx.clock.setTimeout(
      () => {
        this.timers.delete(key);
        try {
          fire();
        } catch (error) {
          this.ctx.log.error("taskrouter timer failed", { key, error: String(error) });
        }
      },
      Math.max(0, dueAt - this.now()),
    );
    this.timers.set(key, handle);
  }

  clearTimer(key: string): void {
    const handle = this.timers.get(key);
    if (handle) this.ctx.clock.clearTimeout(handle);
    this.timers.delete(key);
  }

  hasTimer(key: string): boolean {
    return this.timers.has(key);
  }

  clearAllTimers(): void {
    for (const handle of this.timers.values()) this.ctx.clock.clearTimeout(handle);
    this.timers.clear();
  }

  // ─────────────── dispatch (matching waiting tasks with free workers) ───────────────

  /** Runs the router for a workspace; re-entrant calls are folded into one more pass. */
  dispatch(workspaceSid: string): void {
    if (!this.dispatcher) return;
    if (this.dispatching) {
      this.dispatchAgain.add(workspaceSid);
      return;
    }
    this.dispatching = true;
    try {
      this.dispatcher(this, workspaceSid);
      while (this.dispatchAgain.size > 0) {
        const [next] = this.dispatchAgain;
        if (next === undefined) break;
        this.dispatchAgain.delete(next);
        this.dispatcher(this, next);
      }
    } finally {
      this.dispatching = false;
    }
  }

  /** Runs `operation` as `actor` (REST: the account; bridge: the worker). */
  as<T>(actor: Actor, operation: () => T): T {
    const previous = this.actor;
    this.actor = actor;
    try {
      return operation();
    } finally {
      this.actor = previous;
    }
  }
}
