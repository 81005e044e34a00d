import { describe, expect, it } from "vitest";
import { GET as transferTargets } from "@/app/api/transfer-targets/route";
import { db } from "@/lib/server/db";
import type { TransferTargets } from "@/lib/server/agents/list-transfer-targets";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { sid } from "../support/twilio-webhooks";

const ctx = { params: Promise.resolve({}) } as never;

async function worker(activity: string | null, role: "AGENT" | "SUPERVISOR" = "AGENT") {
  const user = await createUser(role);
  const workerSid = sid("WK");
  await db.user.update({ where: { id: user.id }, data: { workerSid } });
  if (activity) {
    // A closed interval before the open one: only the open one counts.
    await db.workerActivityInterval.create({ data: { userId: user.id, workerSid, activityName: "Break", startedAt: new Date(Date.now() - 600_000), endedAt: new Date(Date.now() - 60_000) } });
    await db.workerActivityInterval.create({ data: { userId: user.id, workerSid, activityName: activity, startedAt: new Date(Date.now() - 60_000) } });
  }
  return user;
}

describe("GET /api/transfer-targets", () => {
  it("lists the other agents with their current activity (available first) and the queues", async () => {
    const me = await worker("Busy");
    const available = await worker("Available");
    const busy = await worker("Busy");
    const offline = await worker(null);
    const noWorker = await createUser("AGENT");
    const disabled = await worker("Available");
    await db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    const admin = await createUser("ADMIN");

    const response = await transferTargets(authedRequest("/api/transfer-targets", await sessionCookie(me)), ctx);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TransferTargets;
    const ids = body.agents.map((a) => a.userId);
    expect(ids).not.toContain(me.id);
    expect(ids).not.toContain(noWorker.id);
    expect(ids).not.toContain(disabled.id);
    expect(ids).not.toContain(admin.id);
    expect(body.agents.find((a) => a.userId === available.id)).toMatchObject({ activity: "Available", available: true });
    expect(body.agents.find((a) => a.userId === busy.id)).toMatchObject({ activity: "Busy", available: false });
    expect(body.agents.find((a) => a.userId === offline.id)).toMatchObject({ activity: "Offline", available: false });
    const firstUnavailable = body.agents.findIndex((a) => !a.available);
    expect(body.agents.slice(firstUnavailable).every((a) => !a.available)).toBe(true);
    const queueKeys = (await db.queue.findMany({ select: { key: true } })).map((q) => q.key).sort();
    expect(body.queues.map((q) => q.key).sort()).toEqual(queueKeys);
  });

  it("needs a signed-in user", async () => {
    const response = await transferTargets(new Request("http://localhost:3000/api/transfer-targets"), ctx);
    expect(response.status).toBe(401);
  });
});
