import "server-only";
/**
 * Loads a task for a call-control action and checks who may act on it: the agent it is assigned
 * to, or a supervisor/admin. The checks live here, inside the service layer, not in routes.
 */
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/db";
import { hasRole, SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { getTwilioClient } from "@/lib/server/twilio/client";
import { twilioRequest } from "@/lib/server/twilio/errors";
import { fetchTaskAssignmentStatus } from "@/lib/server/twilio/taskrouter";

export type ControlledTask = NonNullable<Awaited<ReturnType<typeof findTask>>>;

function findTask(taskSid: string) {
  return db.task.findUnique({ where: { taskSid } });
}

export async function loadControlledTask(user: SessionUser, taskSid: string, options: { statuses?: string[] } = {}): Promise<ControlledTask> {
  const task = await findTask(taskSid);
  if (!task) throw new AppError("not_found", "That task does not exist (or has not reached us yet).");
  const supervisor = hasRole(user.role, SUPERVISOR_ROLES);
  if (!supervisor && task.agentId !== user.id) throw new AppError("forbidden", "This task is assigned to someone else.");
  const statuses = options.statuses ?? ["assigned"];
  if (!statuses.includes(task.status)) {
    // Our copy may lag behind TaskRouter (the accept's event callback still on the way, or lost):
    // a task we still think is offered is checked at TaskRouter before refusing.
    const live = ["pending", "reserved"].includes(task.status) ? await fetchTaskAssignmentStatus(task.taskSid) : task.status;
    if (!statuses.includes(live)) throw new AppError("conflict", `This task is ${live}; that action needs it to be ${statuses.join(" or ")}.`);
  }
  return task;
}

/** The conference a task's call lives in: recorded from its status callbacks, else looked up by name. */
export async function conferenceSidFor(task: ControlledTask): Promise<string> {
  if (task.conferenceSid) return task.conferenceSid;
  const attributes = task.attributes as { transfer?: { conference_sid?: string } } | null;
  if (attributes?.transfer?.conference_sid) return attributes.transfer.conference_sid;
  const [conference] = await twilioRequest("find the call's conference", () =>
    getTwilioClient().conferences.list({ friendlyName: task.taskSid, status: "in-progress", limit: 1 }),
  );
  if (!conference) throw new AppError("conflict", "This task's call is not connected (no conference is in progress).");
  await db.task.update({ where: { id: task.id }, data: { conferenceSid: conference.sid } });
  return conference.sid;
}

/** The customer's leg in the conference. */
export function customerCallSid(task: ControlledTask): string {
  const attributes = task.attributes as { call_sid?: unknown; transfer?: { customer_call_sid?: string } } | null;
  const sid = task.callSid ?? attributes?.transfer?.customer_call_sid ?? (typeof attributes?.call_sid === "string" ? attributes.call_sid : undefined);
  if (!sid) throw new AppError("conflict", "This task has no customer call.");
  return sid;
}

/** A user's own live leg in a conference. */
export async function participantCallSid(conferenceSid: string, userId: string, role: "agent" | "supervisor" = "agent"): Promise<string> {
  const participant = await db.conferenceParticipant.findFirst({
    where: { conferenceSid, userId, role, status: "joined" },
    orderBy: { joinedAt: "desc" },
  });
  if (!participant) throw new AppError("conflict", "Your call leg is not connected to this conference.");
  return participant.callSid;
}
