import "server-only";
/** Dials an outside number into the task's conference (a three-way call); audited. */
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/server/audit/record-audit";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { conferenceSidFor, loadControlledTask } from "@/lib/server/tasks/load-controlled-task";
import type { AddParticipantInput } from "@/lib/validations/call-control";
import { addConferenceParticipant } from "./conference-participants";
import { parseOutboundDestination } from "./place-outbound-call";

export async function addExternalParty(user: SessionUser, taskSid: string, input: AddParticipantInput) {
  const destination = parseOutboundDestination(input.to);
  if (destination.kind !== "number") throw new AppError("bad_request", "Enter a valid phone number, e.g. +1 202 555 0123.");
  const task = await loadControlledTask(user, taskSid);
  const conferenceSid = await conferenceSidFor(task);
  const callSid = await addConferenceParticipant(conferenceSid, { to: destination.number, label: `external:${randomBytes(4).toString("hex")}` });
  await recordAudit({ actorId: user.id, action: "call.add-party", targetType: "task", targetId: taskSid, details: { callSid } });
  return { taskSid, callSid, to: destination.number };
}
