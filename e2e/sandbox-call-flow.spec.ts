/**
 * The sandbox's "done when", without a browser: a scripted caller dials the business number,
 * picks Support in the IVR and — through the app's own webhooks, its assignment callback and a
 * worker made Available over TaskRouter's REST API — is bridged into the task's conference with
 * the agent's client leg (answered through the sandbox control API). The call is recorded and
 * completes; the app's database then holds the call and its timeline, the task, the reservation
 * and the recording; the sandbox's webhook log shows every request signed and accepted.
 */
import { expect, test } from "@playwright/test";
import { BUSINESS_NUMBER, control, dbQuery, provisionedWorkspace, setWorkerActivity, signInRequest } from "./fixtures/sandbox";

interface SandboxCall {
  sid: string;
  from: string;
  to: string;
  status: string;
  parentCallSid?: string | null;
  endpoint?: string;
  activity?: { kind: string; verb?: string; conferenceSid?: string; taskSid?: string | null };
}
interface WebhookEntry {
  kind: string;
  url: string;
  resourceSid?: string;
  params: Record<string, string | string[]>;
  verdict: { accepted: boolean; signatureValid: boolean; note?: string };
}

const CUSTOMER = "+12025550187";
const calls = async () => (await control<{ calls: SandboxCall[] }>("/sandbox/calls")).calls;
const call = async (sid: string) => (await calls()).find((c) => c.sid === sid);

test("a scripted caller reaches an agent through the IVR, TaskRouter and a recorded conference", async ({ request }) => {
  const workspace = await provisionedWorkspace();
  // Only alice takes the call; the others may have been left Available by another spec.
  for (const name of workspace.workers.keys()) await setWorkerActivity(workspace, name, name === "alice" ? "Available" : "Offline");

  const placed = await control<SandboxCall>("/sandbox/calls", { from: CUSTOMER, to: BUSINESS_NUMBER });
  const callSid = placed.sid;

  // The IVR's <Gather> listens: choose Support (digit 2 in the seeded menu).
  await expect.poll(async () => (await call(callSid))?.activity?.verb, { message: "the IVR gathers digits" }).toBe("Gather");
  await control(`/sandbox/calls/${callSid}/digits`, { digits: "2" });

  // TaskRouter reserves alice; the app's conference instruction dials her client leg.
  let agentLeg: SandboxCall | undefined;
  await expect
    .poll(async () => {
      agentLeg = (await calls()).find((c) => c.to === "client:alice" && c.status === "ringing");
      return agentLeg?.sid;
    }, { message: "the conference instruction rings alice's client leg" })
    .toMatch(/^CA/);
  await control(`/sandbox/calls/${agentLeg!.sid}/answer`, {});

  // Both legs end up in the task's conference.
  let conferenceSid = "";
  await expect
    .poll(async () => {
      const [customer, agent] = [await call(callSid), await call(agentLeg!.sid)];
      conferenceSid = customer?.activity?.kind === "conference" ? customer.activity.conferenceSid! : "";
      return [customer?.activity?.kind, agent?.activity?.kind, agent?.activity?.conferenceSid === conferenceSid];
    }, { message: "customer and agent are bridged in one conference" })
    .toEqual(["conference", "conference", true]);

  let task: { taskSid: string; status: string; type: string; agent: string | null } | undefined;
  await expect
    .poll(async () => {
      [task] = await dbQuery<{ taskSid: string; status: string; type: string; agent: string | null }>(
        `SELECT t."taskSid", t.status, t.type, u.username AS agent FROM "Task" t LEFT JOIN "User" u ON u.id = t."agentId" WHERE t."callSid" = $1`,
        [callSid],
      );
      return task;
    }, { message: "the app stored the task as assigned to alice" })
    .toMatchObject({ type: "call", status: "assigned", agent: "alice" });

  // The customer hangs up: the conference ends, the recording completes, alice wraps up.
  await control(`/sandbox/calls/${callSid}/hangup`, {});
  await expect.poll(async () => [(await call(callSid))?.status, (await call(agentLeg!.sid))?.status]).toEqual(["completed", "completed"]);

  await expect
    .poll(async () => {
      const rows = await dbQuery<{ status: string; durationSeconds: number | null; outcome: string | null; agent: string | null; queue: string | null }>(
        `SELECT c.status, c."durationSeconds", c.outcome, u.username AS agent, q.key AS queue FROM "Call" c
           LEFT JOIN "User" u ON u.id = c."agentId" LEFT JOIN "Queue" q ON q.id = c."queueId" WHERE c."callSid" = $1`,
        [callSid],
      );
      return rows[0];
    }, { message: "the app stored the call as completed, answered by alice from the Support queue" })
    .toMatchObject({ status: "completed", agent: "alice", queue: "support" });

  // The timeline: IVR steps from the app's TwiML routes and status changes from callbacks.
  await expect
    .poll(async () => {
      const events = await dbQuery<{ type: string }>(
        `SELECT e.type FROM "CallEvent" e JOIN "Call" c ON c.id = e."callId" WHERE c."callSid" = $1 ORDER BY e."occurredAt", e."sequenceNumber"`,
        [callSid],
      );
      return events.map((e) => e.type);
    }, { message: "the call's timeline" })
    .toEqual(expect.arrayContaining(["greeting", "menu-choice", "enqueued", "completed"]));

  await expect
    .poll(async () => (await dbQuery<{ status: string }>(`SELECT status FROM "Task" WHERE "taskSid" = $1`, [task!.taskSid]))[0]?.status, {
      message: "the task moves to wrap-up",
    })
    .toBe("wrapping");
  const reservations = await dbQuery<{ reservationSid: string; status: string; agent: string | null }>(
    `SELECT r."reservationSid", r.status, u.username AS agent FROM "Reservation" r JOIN "Task" t ON t.id = r."taskId" LEFT JOIN "User" u ON u.id = r."userId" WHERE t."taskSid" = $1`,
    [task!.taskSid],
  );
  expect(reservations).toHaveLength(1);
  expect(reservations[0]).toMatchObject({ agent: "alice" });
  expect(["accepted", "completed", "wrapping"]).toContain(reservations[0]!.status);

  await expect
    .poll(async () => {
      const rows = await dbQuery<{ recordingSid: string; status: string; conferenceSid: string | null }>(
        `SELECT r."recordingSid", r.status, r."conferenceSid" FROM "Recording" r JOIN "Call" c ON c.id = r."callId" WHERE c."callSid" = $1`,
        [callSid],
      );
      return rows.map((r) => [r.status, r.conferenceSid]);
    }, { message: "the conference recording is stored against the call" })
    .toEqual([["completed", conferenceSid]]);

  // Alice finishes wrap-up through the app, and is Available again.
  await signInRequest(request, "alice");
  const completed = await request.post(`/api/tasks/${task!.taskSid}/complete`, { data: { disposition: "resolved", notes: "Scripted e2e call" } });
  expect(completed.status(), await completed.text()).toBe(200);
  await expect
    .poll(async () => (await dbQuery<{ status: string; disposition: string }>(`SELECT status, disposition FROM "Task" WHERE "taskSid" = $1`, [task!.taskSid]))[0], {
      message: "TaskRouter's task.completed event reaches the app",
    })
    .toMatchObject({ status: "completed", disposition: "resolved" });

  // Every webhook about this call, its agent leg, task and conference was signed and accepted.
  const { webhooks } = await control<{ webhooks: WebhookEntry[] }>("/sandbox/webhooks");
  const ours = webhooks.filter((w) => {
    const sids = [w.resourceSid, w.params.CallSid, w.params.TaskSid, w.params.ConferenceSid].flat();
    return sids.some((s) => s === callSid || s === agentLeg!.sid || s === task!.taskSid || s === conferenceSid);
  });
  const paths = new Set(ours.map((w) => new URL(w.url).pathname));
  for (const path of [
    "/api/twilio/voice/incoming",
    "/api/twilio/voice/gather",
    "/api/twilio/taskrouter/assignment",
    "/api/twilio/taskrouter/events",
    "/api/twilio/voice/conference-status",
    "/api/twilio/voice/recording",
    "/api/twilio/voice/status",
  ]) {
    expect([...paths], path).toContain(path);
  }
  for (const w of ours) expect(w.verdict, `${w.kind} ${w.url}`).toMatchObject({ signatureValid: true, accepted: true });
  expect(webhooks.every((w) => w.verdict.signatureValid)).toBe(true);

  await setWorkerActivity(workspace, "alice", "Offline");
});
