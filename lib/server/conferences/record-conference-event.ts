import "server-only";
/**
 * Conference status callbacks for task conferences (FriendlyName = TaskSid): who is in the
 * conference, their hold / mute / coaching state, and the customer call's timeline. State only
 * moves forward by SequenceNumber. When the conference ends, its assigned tasks go to wrap-up.
 * https://www.twilio.com/docs/voice/twiml/conference#attributes-statusCallbackEvent
 */
import { db } from "@/lib/server/db";
import { publish } from "@/lib/server/events";
import { findUserByIdentity } from "@/lib/server/agents/find-user-by-identity";
import type { Logger } from "@/lib/server/logger";
import { moveTaskToWrapup } from "@/lib/server/tasks/move-task-to-wrapup";
import { addCallEvent } from "@/lib/server/calls/upsert-call";
import type { ConferenceStatusRequest } from "@/lib/validations/twilio";

export type ParticipantRole = "customer" | "agent" | "supervisor" | "external";

/** Labels this app gives the participants it adds (see lib/server/calls/conference-participants.ts). */
export function roleFromLabel(label: string | undefined): { role: ParticipantRole; userId: string | null } | null {
  if (!label) return null;
  if (label === "customer") return { role: "customer", userId: null };
  if (label === "external" || label.startsWith("external:")) return { role: "external", userId: null };
  const [kind, userId] = label.split(":");
  if ((kind === "agent" || kind === "supervisor") && userId) return { role: kind, userId };
  return null;
}

async function resolveRole(params: ConferenceStatusRequest, task: { callSid: string | null; agentId: string | null } | null) {
  const callSid = params.CallSid!;
  if (task?.callSid === callSid) return { role: "customer" as const, userId: null };
  const labelled = roleFromLabel(params.ParticipantLabel);
  if (labelled) return labelled;
  const call = await db.call.findUnique({ where: { callSid }, select: { to: true, from: true, agentId: true } });
  const clientAddress = [call?.to, call?.from].find((a) => a?.startsWith("client:"));
  if (clientAddress) {
    const user = await findUserByIdentity(clientAddress);
    return { role: "agent" as const, userId: user?.id ?? call?.agentId ?? null };
  }
  // The worker leg created by the conference instruction may join before its status callbacks.
  if (task?.agentId) return { role: "agent" as const, userId: task.agentId };
  return { role: "external" as const, userId: null };
}

export async function recordConferenceEvent(params: ConferenceStatusRequest, log: Logger): Promise<void> {
  const event = params.StatusCallbackEvent;
  const sequence = params.SequenceNumber ?? 0;
  const at = params.Timestamp ? new Date(params.Timestamp) : new Date();
  const occurredAt = Number.isNaN(at.getTime()) ? new Date() : at;
  const task = await db.task.findUnique({ where: { taskSid: params.FriendlyName }, select: { id: true, taskSid: true, callSid: true, agentId: true, status: true } });

  if (task) {
    await db.task.updateMany({ where: { id: task.id, conferenceSid: null }, data: { conferenceSid: params.ConferenceSid } });
    if (task.callSid) await db.call.updateMany({ where: { callSid: task.callSid, conferenceSid: null }, data: { conferenceSid: params.ConferenceSid } });
  }
  const customerCall = task?.callSid ? await db.call.findUnique({ where: { callSid: task.callSid }, select: { id: true } }) : null;
  if (customerCall) {
    // The conference's recording callback may have been handled first and linked to the leg it
    // named (record-recording-status.ts): it belongs to the customer's call.
    await db.recording.updateMany({ where: { conferenceSid: params.ConferenceSid }, data: { callId: customerCall.id } });
    await addCallEvent(customerCall.id, {
      source: "conference",
      type: event,
      sequenceNumber: sequence,
      occurredAt,
      details: { callSid: params.CallSid ?? null, label: params.ParticipantLabel ?? null },
    });
  }

  let role: ParticipantRole | null = null;
  if (params.CallSid && event.startsWith("participant-")) {
    const existing = await db.conferenceParticipant.findUnique({
      where: { conferenceSid_callSid: { conferenceSid: params.ConferenceSid, callSid: params.CallSid } },
    });
    const resolved = existing ? { role: existing.role as ParticipantRole, userId: existing.userId } : await resolveRole(params, task);
    role = resolved.role;
    const left = event === "participant-leave";
    const flags = {
      ...(params.Muted !== undefined ? { muted: params.Muted } : {}),
      ...(params.Hold !== undefined ? { hold: params.Hold } : {}),
      ...(params.Coaching !== undefined ? { coaching: params.Coaching } : {}),
    };
    if (!existing) {
      await db.conferenceParticipant.createMany({
        data: [{
          conferenceSid: params.ConferenceSid,
          friendlyName: params.FriendlyName,
          callSid: params.CallSid,
          role: resolved.role,
          userId: resolved.userId,
          label: params.ParticipantLabel ?? null,
          status: left ? "left" : "joined",
          lastSequence: sequence,
          joinedAt: occurredAt,
          leftAt: left ? occurredAt : null,
          ...flags,
        }],
        skipDuplicates: true,
      });
    } else if (left) {
      // A leave is final whatever its order.
      await db.conferenceParticipant.update({ where: { id: existing.id }, data: { status: "left", leftAt: existing.leftAt ?? occurredAt } });
    } else {
      await db.conferenceParticipant.updateMany({
        where: { id: existing.id, lastSequence: { lt: sequence }, status: { not: "left" } },
        data: { ...flags, lastSequence: sequence },
      });
    }
  }

  if (event === "conference-end") {
    await db.conferenceParticipant.updateMany({ where: { conferenceSid: params.ConferenceSid, status: "joined" }, data: { status: "left", leftAt: occurredAt } });
    // Every task still assigned in this conference (the original and any transfer tasks) wraps up.
    const assigned = await db.task.findMany({ where: { conferenceSid: params.ConferenceSid, status: "assigned" }, select: { taskSid: true } });
    for (const t of assigned) {
      await moveTaskToWrapup(t.taskSid).catch((error: unknown) => log.warn({ err: error, taskSid: t.taskSid }, "could not move task to wrap-up"));
    }
  }
  await publish("conference.updated", { conferenceSid: params.ConferenceSid, taskSid: task?.taskSid ?? null, callSid: params.CallSid ?? null, event, role });
}
