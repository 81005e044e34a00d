import "server-only";
/**
 * Who may hear a voicemail (its audio and its transcription). Supervisors and admins: every
 * voicemail. An agent: the voicemails that were theirs to work, i.e. whose voicemail task TaskRouter
 * assigned to them, or that they marked handled. Other voicemails of a contact are listed to the
 * agent (when, how long, handled or not) but not played: a voicemail can carry anything the caller
 * said, and the queue's routing decided who should hear it.
 */
import { hasRole, SUPERVISOR_ROLES } from "@/lib/server/auth/roles";
import type { SessionUser } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";

export interface VoicemailAccessFacts {
  handledById: string | null;
  taskSid: string | null;
}

/** The voicemails (the same objects) the user may hear, in one query for the lot. */
export async function audibleVoicemails<V extends VoicemailAccessFacts>(user: SessionUser, voicemails: V[]): Promise<Set<V>> {
  if (hasRole(user.role, SUPERVISOR_ROLES)) return new Set(voicemails);
  const taskSids = voicemails.map((v) => v.taskSid).filter((s): s is string => s !== null);
  const mine = taskSids.length
    ? new Set((await db.task.findMany({ where: { taskSid: { in: taskSids }, agentId: user.id }, select: { taskSid: true } })).map((t) => t.taskSid))
    : new Set<string>();
  return new Set(voicemails.filter((v) => v.handledById === user.id || (v.taskSid !== null && mine.has(v.taskSid))));
}

export async function mayHearVoicemail(user: SessionUser, voicemail: VoicemailAccessFacts): Promise<boolean> {
  return (await audibleVoicemails(user, [voicemail])).size === 1;
}
