/** Reference data and "provisioned" SIDs for telephony integration tests (no REST involved). */
import { db } from "@/lib/server/db";
import { clearActivityCache } from "@/lib/server/agents/activity-sids";
import { clearIvrConfigCache } from "@/lib/server/calls/ivr-config";
import { clearTwilioSidCache } from "@/lib/server/twilio/config";
import { seedReference } from "@/prisma/seed/reference";
import { TEST_PASSWORD } from "./factories";
import { sid } from "./twilio-webhooks";

export const WORKSPACE_SID = "WS00000000000000000000000000000001";
export const WORKFLOW_SID = "WW00000000000000000000000000000001";
export const TWIML_APP_SID = "AP00000000000000000000000000000001";

export async function ensureTelephonyReference(): Promise<void> {
  if ((await db.queue.count()) === 0) await seedReference(db, TEST_PASSWORD);
  for (const [key, value] of [["twilio.workspaceSid", WORKSPACE_SID], ["twilio.workflowSid", WORKFLOW_SID], ["twilio.twimlAppSid", TWIML_APP_SID]] as const) {
    await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
  for (const a of await db.activity.findMany({ where: { sid: null } })) {
    await db.activity.update({ where: { id: a.id }, data: { sid: sid("WA") } });
  }
  for (const q of await db.queue.findMany({ where: { taskQueueSid: null } })) {
    await db.queue.update({ where: { id: q.id }, data: { taskQueueSid: sid("WQ") } });
  }
  resetCaches();
}

export function resetCaches(): void {
  clearIvrConfigCache();
  clearTwilioSidCache();
  clearActivityCache();
}

export async function setSetting(key: string, value: string | number | boolean): Promise<void> {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  resetCaches();
}
