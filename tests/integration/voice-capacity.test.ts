import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { updateUser } from "@/lib/server/users/update-user";
import { FakeTwilio } from "../support/fake-twilio";
import { createUser } from "../support/factories";
import { ensureTelephonyReference, WORKSPACE_SID } from "../support/telephony";
import { sid } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));

beforeAll(async () => {
  await fake.start();
  await ensureTelephonyReference();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

async function agentWithWorker() {
  const actor = await createUser("ADMIN");
  const agent = await createUser("AGENT");
  const workerSid = sid("WK");
  await db.user.update({ where: { id: agent.id }, data: { workerSid, voiceCapacity: 1 } });
  const edit = (voiceCapacity: number) =>
    updateUser({ id: actor.id, username: actor.username, name: actor.name, role: actor.role }, { userId: agent.id, name: agent.name, email: agent.email, role: "AGENT", skills: ["support"], languages: ["en"], voiceCapacity });
  return { agent, workerSid, edit };
}

describe("voice capacity follows the user to TaskRouter", () => {
  it("sets the worker's voice channel capacity when an admin changes it, and only then", async () => {
    const { workerSid, edit } = await agentWithWorker();
    await edit(2);
    const updates = fake.find("POST", `/Workspaces/${WORKSPACE_SID}/Workers/${workerSid}/Channels/voice`);
    expect(updates.map((r) => r.form)).toEqual([{ Capacity: "2" }]);

    fake.requests.length = 0;
    await edit(2);
    expect(fake.requests).toHaveLength(0);
  });

  it("keeps the old capacity when TaskRouter refuses the change", async () => {
    const { agent, edit } = await agentWithWorker();
    fake.failures.push({ method: "POST", pathIncludes: "/Channels/voice", status: 400, body: { code: 20001, message: "Invalid capacity", more_info: "", status: 400 }, times: 1 });
    await expect(edit(3)).rejects.toThrow();
    expect((await db.user.findUniqueOrThrow({ where: { id: agent.id } })).voiceCapacity).toBe(1);
  });

  it("leaves users without a worker (not provisioned yet) to provisioning", async () => {
    const actor = await createUser("ADMIN");
    const agent = await createUser("AGENT");
    await updateUser({ id: actor.id, username: actor.username, name: actor.name, role: actor.role }, { userId: agent.id, name: agent.name, email: agent.email, role: "AGENT", skills: [], languages: ["en"], voiceCapacity: 4 });
    expect(fake.requests).toHaveLength(0);
    expect((await db.user.findUniqueOrThrow({ where: { id: agent.id } })).voiceCapacity).toBe(4);
  });
});
