/**
 * Provisioning: creates or updates, idempotently (looked up by FriendlyName / PhoneNumber), every
 * Twilio resource Switchboard needs, and records their SIDs in the database. The same code runs
 * against Twilio and against the sandbox (the client decides where requests go). No `server-only`
 * guard: the launcher calls it in-process and `npm run twilio:provision` runs it as a script.
 *
 * https://www.twilio.com/docs/taskrouter/api/workspace   https://www.twilio.com/docs/taskrouter/api/activity
 * https://www.twilio.com/docs/taskrouter/api/task-queue  https://www.twilio.com/docs/taskrouter/api/workflow
 * https://www.twilio.com/docs/taskrouter/api/worker      https://www.twilio.com/docs/usage/api/applications
 * https://www.twilio.com/docs/phone-numbers/api/incomingphonenumber-resource
 */
import type { Twilio } from "twilio";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { clientIdentity } from "@/lib/server/agents/identity";
import { RESERVATION_TIMEOUT_SECONDS } from "@/lib/server/tasks/reservation-timeout";
import { buildWorkflowConfiguration } from "./workflow-configuration";

export const WORKSPACE_NAME = "Switchboard";
export const WORKFLOW_NAME = "Switchboard routing";
export const TWIML_APP_NAME = "Switchboard softphone";
export const ACTIVITY_NAMES = [
  { name: "Available", available: true },
  { name: "Busy", available: false },
  { name: "Break", available: false },
  { name: "Wrap-up", available: false },
  { name: "Offline", available: false },
] as const;

export interface ProvisionOptions {
  client: Twilio;
  db: PrismaClient;
  /** Where Twilio (or the sandbox) reaches the app. */
  publicBaseUrl: string;
  /** The business number (E.164) whose Voice/SMS URLs point at the app. */
  phoneNumber: string;
  log?: (message: string) => void;
}

export interface ProvisionResult {
  workspaceSid: string;
  workflowSid: string;
  twimlAppSid: string;
  phoneNumberSid: string | null;
  activities: Record<string, string>;
  taskQueues: Record<string, string>;
  workers: Record<string, string>;
}

export async function provisionTwilio(options: ProvisionOptions): Promise<ProvisionResult> {
  const { client, db } = options;
  const log = options.log ?? (() => {});
  const base = options.publicBaseUrl.replace(/\/+$/, "");
  const url = (path: string) => `${base}${path}`;

  // Workspace. Single-tasking (MultiTaskEnabled=false): a post-work activity (Wrap-up) is only
  // honoured there, and one voice task per agent is what a contact center wants.
  const workspaceSettings = {
    eventCallbackUrl: url("/api/twilio/taskrouter/events"),
    multiTaskEnabled: false,
    prioritizeQueueOrder: "FIFO" as const,
  };
  const [existingWorkspace] = await client.taskrouter.v1.workspaces.list({ friendlyName: WORKSPACE_NAME, limit: 1 });
  const workspace = existingWorkspace
    ? await client.taskrouter.v1.workspaces(existingWorkspace.sid).update(workspaceSettings)
    : await client.taskrouter.v1.workspaces.create({ friendlyName: WORKSPACE_NAME, ...workspaceSettings });
  log(`${existingWorkspace ? "updated" : "created"} workspace ${workspace.sid}`);
  const ws = client.taskrouter.v1.workspaces(workspace.sid);

  // Activities (Available/Offline exist by default; `available` cannot change after creation).
  const activities: Record<string, string> = {};
  const existingActivities = await ws.activities.list({ limit: 100 });
  for (const a of ACTIVITY_NAMES) {
    const found = existingActivities.find((e) => e.friendlyName === a.name);
    activities[a.name] = found ? found.sid : (await ws.activities.create({ friendlyName: a.name, available: a.available })).sid;
    await db.activity.upsert({ where: { name: a.name }, create: { name: a.name, available: a.available, sid: activities[a.name]! }, update: { sid: activities[a.name]! } });
  }
  await ws.update({ defaultActivitySid: activities.Offline, timeoutActivitySid: activities.Offline });

  // Task queues, one per Queue row; agents go Busy while assigned.
  const taskQueues: Record<string, string> = {};
  const queues = await db.queue.findMany({ orderBy: { priority: "desc" } });
  for (const q of queues) {
    const settings = { targetWorkers: q.targetWorkers, assignmentActivitySid: activities.Busy, maxReservedWorkers: 1, taskOrder: "FIFO" as const };
    const [found] = await ws.taskQueues.list({ friendlyName: q.name, limit: 1 });
    const tq = found ? await ws.taskQueues(found.sid).update({ friendlyName: q.name, ...settings }) : await ws.taskQueues.create({ friendlyName: q.name, ...settings });
    taskQueues[q.key] = tq.sid;
    await db.queue.update({ where: { id: q.id }, data: { taskQueueSid: tq.sid } });
  }

  // Workflow.
  const configuration = JSON.stringify(
    buildWorkflowConfiguration(queues.map((q) => ({ key: q.key, name: q.name, taskQueueSid: taskQueues[q.key]!, priority: q.priority, timeoutSeconds: q.timeoutSeconds, isDefault: q.isDefault }))),
  );
  const workflowSettings = { configuration, assignmentCallbackUrl: url("/api/twilio/taskrouter/assignment"), taskReservationTimeout: RESERVATION_TIMEOUT_SECONDS };
  const [existingWorkflow] = await ws.workflows.list({ friendlyName: WORKFLOW_NAME, limit: 1 });
  const workflow = existingWorkflow
    ? await ws.workflows(existingWorkflow.sid).update(workflowSettings)
    : await ws.workflows.create({ friendlyName: WORKFLOW_NAME, ...workflowSettings });
  log(`${existingWorkflow ? "updated" : "created"} workflow ${workflow.sid}`);

  // TwiML App for the softphone's outgoing calls.
  const appSettings = { voiceUrl: url("/api/twilio/voice/outbound"), voiceMethod: "POST", statusCallback: url("/api/twilio/voice/status"), statusCallbackMethod: "POST" };
  const [existingApp] = await client.applications.list({ friendlyName: TWIML_APP_NAME, limit: 1 });
  const app = existingApp ? await client.applications(existingApp.sid).update(appSettings) : await client.applications.create({ friendlyName: TWIML_APP_NAME, ...appSettings });
  log(`${existingApp ? "updated" : "created"} TwiML App ${app.sid}`);

  // The business number's webhooks.
  const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: options.phoneNumber, limit: 1 });
  if (number) {
    await client.incomingPhoneNumbers(number.sid).update({
      voiceUrl: url("/api/twilio/voice/incoming"),
      voiceMethod: "POST",
      statusCallback: url("/api/twilio/voice/status"),
      statusCallbackMethod: "POST",
      smsUrl: url("/api/twilio/messaging/incoming"),
      smsMethod: "POST",
    });
    log(`pointed ${options.phoneNumber} at ${base}`);
  } else {
    log(`WARNING: ${options.phoneNumber} is not a number of this account; set its Voice and SMS URLs by hand.`);
  }

  // Workers, one per active user; attributes drive the queues' and workflow's expressions.
  const workers: Record<string, string> = {};
  const users = await db.user.findMany({ orderBy: { username: "asc" } });
  for (const user of users) {
    const identity = clientIdentity(user);
    const attributes = JSON.stringify({ contact_uri: `client:${identity}`, user_id: user.id, name: user.name, role: user.role.toLowerCase(), skills: user.skills, languages: user.languages });
    const [found] = user.workerSid
      ? [await ws.workers(user.workerSid).fetch().catch(() => undefined)].filter(Boolean)
      : await ws.workers.list({ friendlyName: identity, limit: 1 });
    if (user.disabled) {
      if (found) await ws.workers(found.sid).update({ activitySid: activities.Offline, attributes });
      continue;
    }
    const worker = found ? await ws.workers(found.sid).update({ attributes }) : await ws.workers.create({ friendlyName: identity, attributes, activitySid: activities.Offline });
    workers[user.username] = worker.sid;
    if (user.workerSid !== worker.sid) await db.user.update({ where: { id: user.id }, data: { workerSid: worker.sid } });
  }

  for (const [key, value] of [["twilio.workspaceSid", workspace.sid], ["twilio.workflowSid", workflow.sid], ["twilio.twimlAppSid", app.sid]] as const) {
    await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
  return { workspaceSid: workspace.sid, workflowSid: workflow.sid, twimlAppSid: app.sid, phoneNumberSid: number?.sid ?? null, activities, taskQueues, workers };
}
