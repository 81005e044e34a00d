import "server-only";
/**
 * The supervisor's live view as one plain DTO: per queue (waiting now, longest wait, agents by
 * state, today's answered / abandoned / service level), per agent (activity and since when,
 * current call and party) and the calls in progress. Times are ISO strings; the browser runs the
 * timers from them, so a snapshot only has to be sent when something changed.
 *
 * Definitions follow the call log and reports: service level = answered within the queue's
 * threshold (Queue.slaThresholdSeconds, default 20 s) ÷ (answered + abandoned), business day.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { getBusinessTimezone } from "@/lib/server/settings/get-setting";
import { startOfDayInZone } from "@/lib/time";
import { queueTargetMatcher } from "./queue-targets";

export type AgentState = "available" | "busy" | "wrapup" | "break" | "offline";

export interface LiveQueue {
  queueId: string;
  key: string;
  name: string;
  waiting: number;
  /** When the longest-waiting task entered the queue (null when nobody waits). */
  oldestWaitingSince: string | null;
  agents: { available: number; busy: number; wrapup: number };
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  slaThresholdSeconds: number;
}

export interface LiveCallRef {
  taskSid: string | null;
  callSid: string;
  /** The customer's (or other party's) address. */
  party: string;
  partyName: string | null;
  direction: "inbound" | "outbound";
  since: string;
}

export interface LiveAgent {
  userId: string;
  name: string;
  username: string;
  workerSid: string | null;
  activity: string;
  state: AgentState;
  activitySince: string | null;
  call: LiveCallRef | null;
}

export interface LiveCall {
  callSid: string;
  taskSid: string | null;
  direction: "inbound" | "outbound";
  party: string;
  partyName: string | null;
  state: "ivr" | "waiting" | "talking";
  queueName: string | null;
  agentId: string | null;
  agentName: string | null;
  startedAt: string;
  /** Entered the queue / answered by an agent: the timer the list shows for its state. */
  stateSince: string;
  /** The supervisor's own leg in this call's conference, when they are listening in. */
  supervisors: { userId: string; mode: "monitor" | "whisper" | "barge" }[];
}

export interface LiveSnapshot {
  generatedAt: string;
  since: string;
  queues: LiveQueue[];
  agents: LiveAgent[];
  calls: LiveCall[];
}

const WAITING_TASK = ["pending", "reserved"];
const ACTIVE_TASK = ["reserved", "assigned", "wrapping"];
const LIVE_CALL_STATUS = ["queued", "ringing", "in-progress"];
/** Calls without a terminal status callback for this long are not "live" (a lost callback). */
const LIVE_WINDOW_MS = 12 * 3600_000;

export function agentState(activity: string, onCall: boolean): AgentState {
  if (activity === "Wrap-up") return "wrapup";
  if (onCall || activity === "Busy") return "busy";
  if (activity === "Available") return "available";
  if (activity === "Offline") return "offline";
  return "break";
}

function partyOf(call: { from: string; to: string; direction: string }): { party: string; direction: "inbound" | "outbound" } {
  // Softphone calls arrive as an inbound leg from client:<agent>; the party is who they dialed.
  if (call.from.startsWith("client:")) return { party: call.to, direction: "outbound" };
  return call.direction === "inbound" ? { party: call.from, direction: "inbound" } : { party: call.to, direction: "outbound" };
}

async function todayTotals(since: Date) {
  const rows = await db.$queryRaw<{ queue_id: string; answered: bigint; abandoned: bigint; in_sla: bigint }[]>(Prisma.sql`
    SELECT q."id" AS queue_id,
      count(c."id") FILTER (WHERE c."outcome" = 'answered') AS answered,
      count(c."id") FILTER (WHERE c."outcome" = 'abandoned') AS abandoned,
      count(c."id") FILTER (WHERE c."outcome" = 'answered' AND c."queueSeconds" <= q."slaThresholdSeconds") AS in_sla
    FROM "Queue" q
    LEFT JOIN "Call" c ON c."queueId" = q."id" AND c."startedAt" >= ${since}
    GROUP BY q."id"`);
  return new Map(rows.map((r) => [r.queue_id, { answered: Number(r.answered), abandoned: Number(r.abandoned), inSla: Number(r.in_sla) }]));
}

export async function getLiveSnapshot(now = new Date()): Promise<LiveSnapshot> {
  const since = startOfDayInZone(now, await getBusinessTimezone());
  const queues = await db.queue.findMany({
    orderBy: { priority: "desc" },
    select: { id: true, key: true, name: true, targetWorkers: true, slaThresholdSeconds: true },
  });
  const totals = await todayTotals(since);
  const waitingTasks = await db.task.findMany({
    where: { status: { in: WAITING_TASK }, channel: "voice" },
    select: { queueId: true, createdAt: true },
  });
  const users = await db.user.findMany({
    // Everyone who takes calls: agents, and supervisors (who can also be workers with skills).
    where: { role: { in: ["AGENT", "SUPERVISOR"] }, disabled: false },
    orderBy: { name: "asc" },
    select: { id: true, name: true, username: true, workerSid: true, skills: true },
  });
  const intervals = await db.workerActivityInterval.findMany({
    where: { userId: { in: users.map((u) => u.id) }, endedAt: null },
    orderBy: { startedAt: "desc" },
    select: { userId: true, activityName: true, startedAt: true },
  });
  const activeTasks = await db.task.findMany({
    where: { status: { in: ACTIVE_TASK }, agentId: { not: null }, callSid: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { taskSid: true, status: true, agentId: true, callSid: true, assignedAt: true, createdAt: true },
  });
  const liveCalls = await db.call.findMany({
    where: {
      status: { in: LIVE_CALL_STATUS },
      endedAt: null,
      parentCallSid: null,
      startedAt: { gte: new Date(now.getTime() - LIVE_WINDOW_MS) },
      // Legs that ring an agent's or supervisor's browser belong to a call already listed.
      NOT: { AND: [{ to: { startsWith: "client:" } }, { NOT: { from: { startsWith: "client:" } } }] },
    },
    orderBy: { startedAt: "asc" },
    select: {
      callSid: true, from: true, to: true, direction: true, taskSid: true, conferenceSid: true, startedAt: true, enqueuedAt: true, answeredAt: true,
      agentId: true, agent: { select: { name: true } }, queue: { select: { name: true } }, contact: { select: { name: true } },
    },
  });
  const callTasks = await db.task.findMany({
    where: { callSid: { in: liveCalls.map((c) => c.callSid) }, status: { in: [...WAITING_TASK, ...ACTIVE_TASK] } },
    orderBy: { createdAt: "asc" },
    select: { taskSid: true, callSid: true, conferenceSid: true },
  });
  const taskByCall = new Map(callTasks.map((t) => [t.callSid!, t]));
  const conferenceOf = (c: (typeof liveCalls)[number]) => c.conferenceSid ?? taskByCall.get(c.callSid)?.conferenceSid ?? null;
  const supervisorLegs = await db.conferenceParticipant.findMany({
    where: { role: "supervisor", status: "joined", conferenceSid: { in: liveCalls.flatMap((c) => conferenceOf(c) ?? []) } },
    select: { conferenceSid: true, userId: true, muted: true, coaching: true },
  });

  const activityByUser = new Map<string, { activityName: string; startedAt: Date }>();
  for (const i of intervals) if (i.userId && !activityByUser.has(i.userId)) activityByUser.set(i.userId, i);
  const callBySid = new Map(liveCalls.map((c) => [c.callSid, c]));
  const taskByAgent = new Map<string, (typeof activeTasks)[number]>();
  for (const t of activeTasks) if (t.callSid && callBySid.has(t.callSid) && !taskByAgent.has(t.agentId!)) taskByAgent.set(t.agentId!, t);

  const agents: LiveAgent[] = users.map((u) => {
    const task = taskByAgent.get(u.id);
    // An agent's own softphone call (outbound) has no task: find it by the agent on the call.
    const call = task ? callBySid.get(task.callSid!) : liveCalls.find((c) => c.agentId === u.id && c.answeredAt);
    const activity = activityByUser.get(u.id);
    const activityName = activity?.activityName ?? "Offline";
    return {
      userId: u.id,
      name: u.name,
      username: u.username,
      workerSid: u.workerSid,
      activity: activityName,
      state: agentState(activityName, Boolean(call)),
      activitySince: activity?.startedAt.toISOString() ?? null,
      call: call
        ? {
            ...partyOf(call),
            taskSid: task?.taskSid ?? call.taskSid,
            callSid: call.callSid,
            partyName: call.contact?.name ?? null,
            since: (call.answeredAt ?? task?.assignedAt ?? call.startedAt).toISOString(),
          }
        : null,
    };
  });

  return {
    generatedAt: now.toISOString(),
    since: since.toISOString(),
    queues: queues.map((q) => {
      const waiting = waitingTasks.filter((t) => t.queueId === q.id);
      const oldest = waiting.reduce<Date | null>((min, t) => (min && min <= t.createdAt ? min : t.createdAt), null);
      const matches = queueTargetMatcher(q.targetWorkers);
      const members = agents.filter((a) => matches(users.find((u) => u.id === a.userId)!.skills));
      const t = totals.get(q.id) ?? { answered: 0, abandoned: 0, inSla: 0 };
      return {
        queueId: q.id,
        key: q.key,
        name: q.name,
        waiting: waiting.length,
        oldestWaitingSince: oldest?.toISOString() ?? null,
        agents: {
          available: members.filter((a) => a.state === "available").length,
          busy: members.filter((a) => a.state === "busy").length,
          wrapup: members.filter((a) => a.state === "wrapup").length,
        },
        answered: t.answered,
        abandoned: t.abandoned,
        serviceLevel: t.answered + t.abandoned > 0 ? t.inSla / (t.answered + t.abandoned) : null,
        slaThresholdSeconds: q.slaThresholdSeconds,
      };
    }),
    agents,
    calls: liveCalls.map((c) => {
      const state = c.answeredAt ? "talking" : c.enqueuedAt ? "waiting" : "ivr";
      return {
        ...partyOf(c),
        callSid: c.callSid,
        taskSid: taskByCall.get(c.callSid)?.taskSid ?? c.taskSid,
        partyName: c.contact?.name ?? null,
        state,
        queueName: c.queue?.name ?? null,
        agentId: c.agentId,
        agentName: c.agent?.name ?? null,
        startedAt: c.startedAt.toISOString(),
        stateSince: (state === "talking" ? c.answeredAt! : state === "waiting" ? c.enqueuedAt! : c.startedAt).toISOString(),
        supervisors: supervisorLegs
          .filter((s) => s.conferenceSid === conferenceOf(c) && s.userId)
          .map((s) => ({ userId: s.userId!, mode: s.coaching ? "whisper" : s.muted ? "monitor" : "barge" }) as const),
      };
    }),
  };
}
