import "server-only";
/**
 * The sandbox console's live board, from the control API's `GET /sandbox/state`: plain DTOs with
 * only what the console shows (no request headers or bodies of webhooks, no credentials).
 */
import { sandboxControl } from "./sandbox-control";

type Activity = { kind: string; verb?: string; withCallSid?: string; conferenceSid?: string; taskSid?: string | null };

interface RawState {
  phoneNumber: string;
  clock: { mode: string; now: number; iso: string; pendingTimers: number };
  modules: {
    voice?: {
      calls: { sid: string; parentCallSid: string | null; from: string; to: string; status: string; direction: string; activity: Activity }[];
      conferences: { sid: string; friendlyName: string; status: string; participants: { callSid: string; hold: boolean; muted: boolean; coaching: boolean }[] }[];
    };
    taskrouter?: {
      sid: string;
      friendlyName: string;
      workers: { sid: string; friendlyName: string; activityName: string | null; available: boolean; connected: boolean }[];
      tasks: { sid: string; assignmentStatus: string; age: number; attributes: Record<string, unknown>; reservations: { sid: string; workerSid: string; status: string }[] }[];
    }[];
    messaging?: { messages: { sid: string; from: string; to: string; body: string; direction: string; status: string; errorCode: number | null; dateCreated: number | string }[] };
  };
  webhooks: {
    id: string;
    at: number;
    kind: string;
    url: string;
    method: string;
    resourceSid?: string;
    response: { status: number | null } | null;
    durationMs: number;
    verdict: { accepted: boolean; signatureValid: boolean; note?: string };
  }[];
}

const TERMINAL = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);

function describeActivity(activity: Activity): string {
  switch (activity.kind) {
    case "twiml":
      return `<${activity.verb}>`;
    case "conference":
      return "in conference";
    case "queue":
      return "waiting in queue";
    case "bridged":
      return "bridged";
    default:
      return activity.kind;
  }
}

export async function getSandboxBoard() {
  const state = await sandboxControl<RawState>("GET", "/sandbox/state");
  const voice = state.modules.voice ?? { calls: [], conferences: [] };
  const workspaces = state.modules.taskrouter ?? [];
  const workerNames = new Map(workspaces.flatMap((w) => w.workers.map((worker) => [worker.sid, worker.friendlyName] as const)));
  const calls = voice.calls
    .filter((c, i, all) => !TERMINAL.has(c.status) || i >= all.length - 10)
    .reverse()
    .map((c) => ({ sid: c.sid, parentCallSid: c.parentCallSid, from: c.from, to: c.to, status: c.status, direction: c.direction, activity: describeActivity(c.activity) }));
  return {
    phoneNumber: state.phoneNumber,
    clock: { mode: state.clock.mode, iso: state.clock.iso, pendingTimers: state.clock.pendingTimers },
    calls,
    conferences: voice.conferences.map((c) => ({ sid: c.sid, friendlyName: c.friendlyName, status: c.status, participants: c.participants.map((p) => ({ callSid: p.callSid, hold: p.hold, muted: p.muted, coaching: p.coaching })) })),
    workers: workspaces.flatMap((w) => w.workers.map((worker) => ({ sid: worker.sid, name: worker.friendlyName, activity: worker.activityName ?? "—", available: worker.available, connected: worker.connected }))),
    tasks: workspaces
      .flatMap((w) => w.tasks)
      .slice(-20)
      .reverse()
      .map((t) => ({
        sid: t.sid,
        status: t.assignmentStatus,
        ageSeconds: t.age,
        type: typeof t.attributes.type === "string" ? t.attributes.type : null,
        reservations: t.reservations.map((r) => ({ sid: r.sid, worker: workerNames.get(r.workerSid) ?? r.workerSid, status: r.status })),
      })),
    messages: (state.modules.messaging?.messages ?? []).map((m) => ({ sid: m.sid, from: m.from, to: m.to, body: m.body, direction: m.direction, status: m.status, errorCode: m.errorCode })),
    webhooks: state.webhooks
      .slice()
      .reverse()
      .map((w) => ({
        id: w.id,
        at: new Date(w.at).toISOString(),
        kind: w.kind,
        method: w.method,
        path: new URL(w.url).pathname,
        resourceSid: w.resourceSid ?? null,
        status: w.response?.status ?? null,
        durationMs: w.durationMs,
        accepted: w.verdict.accepted,
        signatureValid: w.verdict.signatureValid,
        note: w.verdict.note ?? null,
      })),
  };
}

export type SandboxBoard = Awaited<ReturnType<typeof getSandboxBoard>>;
