import { describe, expect, it } from "vitest";
import { GET as getUsers } from "@/app/api/admin/users/route";
import { PATCH as patchUser } from "@/app/api/admin/users/[id]/route";
import { GET as getQueues } from "@/app/api/supervisor/queues/route";
import { db } from "@/lib/server/db";
import { authedRequest, createUser, sessionCookie } from "../support/factories";

const noParams = { params: Promise.resolve({}) } as never;

describe("role checks on API routes", () => {
  it("answers 401 to a signed-out request", async () => {
    const res = await getQueues(new Request("http://localhost:3000/api/supervisor/queues"), noParams);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthenticated");
  });

  it("answers 401 to a forged session cookie", async () => {
    const res = await getQueues(authedRequest("/api/supervisor/queues", "next-auth.session-token=not-a-real-token"), noParams);
    expect(res.status).toBe(401);
  });

  it("gives agents 403 on supervisor and admin APIs", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    expect((await getQueues(authedRequest("/api/supervisor/queues", cookie), noParams)).status).toBe(403);
    expect((await getUsers(authedRequest("/api/admin/users", cookie), noParams)).status).toBe(403);
  });

  it("lets supervisors read queues but not administer users", async () => {
    const supervisor = await createUser("SUPERVISOR");
    const cookie = await sessionCookie(supervisor);
    const queues = await getQueues(authedRequest("/api/supervisor/queues", cookie), noParams);
    expect(queues.status).toBe(200);
    expect(Array.isArray((await queues.json()).queues)).toBe(true);
    expect((await getUsers(authedRequest("/api/admin/users", cookie), noParams)).status).toBe(403);
  });

  it("lets an admin disable a user, audits it, and the disabled user's session stops working", async () => {
    const admin = await createUser("ADMIN");
    const agent = await createUser("AGENT");
    const agentCookie = await sessionCookie(agent);
    const adminCookie = await sessionCookie(admin);

    const res = await patchUser(
      authedRequest(`/api/admin/users/${agent.id}`, adminCookie, {
        method: "PATCH",
        body: JSON.stringify({ disabled: true }),
        headers: { "content-type": "application/json" },
      }),
      { params: Promise.resolve({ id: agent.id }) },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: agent.id, disabled: true });

    const audit = await db.auditLog.findFirst({ where: { targetId: agent.id, action: "user.disable" } });
    expect(audit?.actorId).toBe(admin.id);

    const blocked = await getQueues(authedRequest("/api/supervisor/queues", agentCookie), noParams);
    expect(blocked.status).toBe(401);
  });

  it("does not let an admin disable their own account", async () => {
    const admin = await createUser("ADMIN");
    const res = await patchUser(
      authedRequest(`/api/admin/users/${admin.id}`, await sessionCookie(admin), {
        method: "PATCH",
        body: JSON.stringify({ disabled: true }),
      }),
      { params: Promise.resolve({ id: admin.id }) },
    );
    expect(res.status).toBe(409);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).disabled).toBe(false);
  });
});
