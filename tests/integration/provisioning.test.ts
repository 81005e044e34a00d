import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { createTwilioClient } from "@/lib/server/twilio/create-client";
import { provisionTwilio, TWIML_APP_NAME, WORKSPACE_NAME } from "@/lib/server/twilio/provision/provision-twilio";
import { FakeTwilio } from "../support/fake-twilio";
import { createUser } from "../support/factories";
import { ensureTelephonyReference } from "../support/telephony";
import { TEST_CREDENTIALS } from "../support/test-credentials";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
const API = `api/2010-04-01/Accounts/${TEST_CREDENTIALS.accountSid}`;

beforeAll(async () => {
  await fake.start();
  await ensureTelephonyReference();
});
afterAll(() => fake.stop());

describe("provisioning", () => {
  it("creates every resource once, points the number and the TwiML App at the app, maps users to workers, and is idempotent", async () => {
    fake.reset();
    const number = fake.seed(`${API}/IncomingPhoneNumbers`, { phone_number: TEST_CREDENTIALS.phoneNumber });
    const disabled = await createUser("AGENT", { disabled: true });
    const client = createTwilioClient(TEST_CREDENTIALS, { sandboxUrl: process.env.SANDBOX_URL });
    const run = () => provisionTwilio({ client, db, publicBaseUrl: "https://cc.example.com", phoneNumber: TEST_CREDENTIALS.phoneNumber });

    const first = await run();
    const creates = (path: string) => fake.requests.filter((r) => r.method === "POST" && r.path.endsWith(path)).length;
    expect(creates("/Workspaces")).toBe(1);
    expect(creates("/Activities")).toBe(5);
    expect(creates("/TaskQueues")).toBe(await db.queue.count());
    expect(creates("/Workflows")).toBe(1);
    expect(creates("/Applications.json")).toBe(1);

    const ws = fake.find("POST", "/Workspaces")[0]!;
    expect(ws.form).toMatchObject({ FriendlyName: WORKSPACE_NAME, EventCallbackUrl: "https://cc.example.com/api/twilio/taskrouter/events", MultiTaskEnabled: "true" });
    const app = fake.find("POST", "/Applications.json")[0]!;
    expect(app.form).toMatchObject({ FriendlyName: TWIML_APP_NAME, VoiceUrl: "https://cc.example.com/api/twilio/voice/outbound", VoiceMethod: "POST" });
    const numberUpdate = fake.find("POST", `/IncomingPhoneNumbers/${number.sid}.json`)[0]!;
    expect(numberUpdate.form).toMatchObject({ VoiceUrl: "https://cc.example.com/api/twilio/voice/incoming", SmsUrl: "https://cc.example.com/api/twilio/messaging/incoming", StatusCallback: "https://cc.example.com/api/twilio/voice/status" });
    const workflow = fake.find("POST", "/Workflows")[0]!;
    expect(workflow.form.AssignmentCallbackUrl).toBe("https://cc.example.com/api/twilio/taskrouter/assignment");
    const config = JSON.parse(workflow.form.Configuration as string);
    expect(config.task_routing.default_filter.queue).toBe(first.taskQueues.general);
    const salesQueue = fake.find("POST", "/TaskQueues").find((r) => r.form.FriendlyName === "Sales")!;
    expect(salesQueue.form).toMatchObject({ TargetWorkers: "skills HAS 'sales'", AssignmentActivitySid: first.activities.Busy });

    const alice = await db.user.findUniqueOrThrow({ where: { username: "alice" } });
    expect(alice.workerSid).toBe(first.workers.alice);
    const aliceWorker = fake.find("POST", "/Workers").find((r) => r.form.FriendlyName === "alice")!;
    expect(JSON.parse(aliceWorker.form.Attributes as string)).toMatchObject({ contact_uri: "client:alice", skills: ["support"], languages: ["en", "es"], user_id: alice.id });
    expect(first.workers[disabled.username]).toBeUndefined();
    // Each worker's voice channel gets the user's capacity (seed: agents 2).
    const capacity = (workerSid: string) => fake.find("POST", `/Workers/${workerSid}/Channels/voice`).map((r) => r.form.Capacity);
    expect(capacity(first.workers.alice!)).toEqual([String(alice.voiceCapacity)]);
    expect(capacity(first.workers.sam!)).toEqual([String((await db.user.findUniqueOrThrow({ where: { username: "sam" } })).voiceCapacity)]);
    expect((await db.activity.findUniqueOrThrow({ where: { name: "Wrap-up" } })).sid).toBe(first.activities["Wrap-up"]);
    expect((await db.queue.findUniqueOrThrow({ where: { key: "sales" } })).taskQueueSid).toBe(first.taskQueues.sales);
    expect((await db.setting.findUniqueOrThrow({ where: { key: "twilio.workflowSid" } })).value).toBe(first.workflowSid);

    const before = fake.requests.length;
    const second = await run();
    const again = fake.requests.slice(before).filter((r) => r.method === "POST" && /\/(Workspaces|Activities|TaskQueues|Workflows|Workers|Applications\.json)$/.test(r.path));
    expect(again).toHaveLength(0);
    expect(second).toEqual(first);
  });
});
