import "server-only";
/**
 * What the agent console shows about one task beside what the TaskRouter SDK already knows: the
 * contact's name and past interactions (reservation card, contact panel), the call's recording
 * state, and the server-enforced wrap-up deadline (countdown). Visible to the agents it was
 * reserved for and to supervisors.
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { hasRole, SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";

export interface TaskSummary {
  taskSid: string;
  type: string;
  status: string;
  queueName: string | null;
  caller: string | null;
  contact: { id: string; name: string; company: string | null } | null;
  ivrPath: string[];
  previous: { id: string; startedAt: string; direction: string; outcome: string | null; disposition: string | null; agentName: string | null }[];
  recording: boolean;
  wrapupDeadlineAt: string | null;
  disposition: string | null;
  /** The customer's leg (an outbound call's is known a moment after its task) and its progress. */
  callSid: string | null;
  callStatus: string | null;
  callAnswered: boolean;
}

export async function getTaskSummary(user: SessionUser, taskSid: string): Promise<TaskSummary> {
  const task = await db.task.findUnique({
    where: { taskSid },
    select: {
      id: true, taskSid: true, type: true, status: true, attributes: true, callSid: true, agentId: true, wrapupDeadlineAt: true, disposition: true,
      queue: { select: { name: true } },
      contact: { select: { id: true, name: true, company: true, erasedAt: true } },
      reservations: { where: { userId: user.id }, select: { id: true }, take: 1 },
    },
  });
  if (!task) throw new AppError("not_found", "That task does not exist (or has not reached us yet).");
  if (!hasRole(user.role, SUPERVISOR_ROLES) && task.agentId !== user.id && task.reservations.length === 0) {
    throw new AppError("forbidden", "This task is assigned to someone else.");
  }
  const attributes = (task.attributes ?? {}) as Record<string, unknown>;
  const caller = typeof attributes.caller === "string" ? attributes.caller : typeof attributes.from === "string" ? attributes.from : null;
  const contact = task.contact && !task.contact.erasedAt ? task.contact : null;
  const call = task.callSid ? await db.call.findUnique({ where: { callSid: task.callSid }, select: { id: true, ivrPath: true, status: true, answeredAt: true, _count: { select: { recordings: true } } } }) : null;
  const previous = contact
    ? await db.call.findMany({
        where: { contactId: contact.id, ...(call ? { id: { not: call.id } } : {}) },
        orderBy: { startedAt: "desc" },
        take: 5,
        select: { id: true, startedAt: true, direction: true, outcome: true, disposition: true, agent: { select: { name: true } } },
      })
    : [];
  const ivrPath = Array.isArray(attributes.ivr_path) ? attributes.ivr_path.map(String) : (call?.ivrPath ?? []);
  return {
    taskSid: task.taskSid,
    type: task.type,
    status: task.status,
    queueName: task.queue?.name ?? null,
    caller,
    contact: contact ? { id: contact.id, name: contact.name, company: contact.company } : null,
    ivrPath,
    previous: previous.map((p) => ({ id: p.id, startedAt: p.startedAt.toISOString(), direction: p.direction, outcome: p.outcome, disposition: p.disposition, agentName: p.agent?.name ?? null })),
    recording: (call?._count.recordings ?? 0) > 0 || attributes.conference_record === true,
    wrapupDeadlineAt: task.wrapupDeadlineAt?.toISOString() ?? null,
    disposition: task.disposition,
    callSid: task.callSid,
    callStatus: call?.status ?? null,
    callAnswered: Boolean(call?.answeredAt),
  };
}
