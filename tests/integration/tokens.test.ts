import { beforeAll, describe, expect, it } from "vitest";
import { POST as voiceToken } from "@/app/api/tokens/voice/route";
import { POST as workerToken } from "@/app/api/tokens/worker/route";
import { POST as videoToken } from "@/app/api/tokens/video/route";
import { db } from "@/lib/server/db";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { decodeJwt, verifyHs256 } from "../support/jwt";
import { ensureTelephonyReference, TWIML_APP_SID, WORKSPACE_SID } from "../support/telephony";
import { TEST_ACCOUNT_SID, TEST_API_KEY_SECRET, TEST_API_KEY_SID } from "../support/test-credentials";
import { sid } from "../support/twilio-webhooks";

const noParams = { params: Promise.resolve({}) } as never;
const post = (path: string, cookie: string, body?: object) =>
  authedRequest(path, cookie, { method: "POST", body: body ? JSON.stringify(body) : undefined, headers: { "content-type": "application/json" } });

beforeAll(ensureTelephonyReference);

function verified(token: string) {
  expect(verifyHs256(token, TEST_API_KEY_SECRET)).toBe(true);
  const { header, payload } = decodeJwt(token);
  expect(header.cty).toBe("twilio-fpa;v=1");
  expect(header.alg).toBe("HS256");
  expect(payload.iss).toBe(TEST_API_KEY_SID);
  expect(payload.sub).toBe(TEST_ACCOUNT_SID);
  expect(payload.exp - payload.iat).toBeLessThanOrEqual(3600);
  expect(payload.exp * 1000).toBeGreaterThan(Date.now());
  return payload;
}

describe("token routes", () => {
  it("answer 401 when signed out", async () => {
    for (const route of [voiceToken, workerToken, videoToken]) {
      expect((await route(new Request("http://localhost:3000/api/tokens/voice", { method: "POST" }), noParams)).status).toBe(401);
    }
  });

  it("issue a voice token for the session's identity, ignoring any identity in the request", async () => {
    const agent = await createUser("AGENT");
    const res = await voiceToken(post("/api/tokens/voice", await sessionCookie(agent), { identity: "someone_else" }), noParams);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ identity: agent.username, mode: "sandbox", sandbox: { baseUrl: process.env.SANDBOX_URL } });
    const payload = verified(body.token);
    expect(payload.grants.identity).toBe(agent.username);
    expect(payload.grants.voice).toEqual({ incoming: { allow: true }, outgoing: { application_sid: TWIML_APP_SID } });
    expect(new Date(body.expiresAt).getTime()).toBe(payload.exp * 1000);
  });

  it("issue a worker token for the user's own worker: worker role for agents, supervisor role for supervisors", async () => {
    for (const role of ["AGENT", "SUPERVISOR", "ADMIN"] as const) {
      const user = await createUser(role);
      const workerSid = sid("WK");
      await db.user.update({ where: { id: user.id }, data: { workerSid } });
      const body = await (await workerToken(post("/api/tokens/worker", await sessionCookie(user)), noParams)).json();
      expect(verified(body.token).grants.task_router).toEqual({ workspace_sid: WORKSPACE_SID, worker_sid: workerSid, role: role === "AGENT" ? "worker" : "supervisor" });
    }
  });

  it("explain when the user has no worker yet", async () => {
    const agent = await createUser("AGENT");
    const res = await workerToken(post("/api/tokens/worker", await sessionCookie(agent)), noParams);
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/provisioning/);
  });

  it("scope video tokens to an existing inspection's room only", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    const inspection = await db.inspection.create({ data: { subject: "Hull", reference: "IMO 1", scheduledAt: new Date(), createdById: agent.id } });
    const ok = await videoToken(post("/api/tokens/video", cookie, { room: `insp-${inspection.id}` }), noParams);
    expect(ok.status).toBe(200);
    expect(verified((await ok.json()).token).grants.video).toEqual({ room: `insp-${inspection.id}` });
    expect((await videoToken(post("/api/tokens/video", cookie, { room: "insp-doesnotexist1" }), noParams)).status).toBe(404);
    expect((await videoToken(post("/api/tokens/video", cookie, { room: "someone-elses-room" }), noParams)).status).toBe(400);
    expect((await videoToken(post("/api/tokens/video", cookie, {}), noParams)).status).toBe(400);
    await db.inspection.update({ where: { id: inspection.id }, data: { status: "canceled" } });
    expect((await videoToken(post("/api/tokens/video", cookie, { room: `insp-${inspection.id}` }), noParams)).status).toBe(403);
  });

  it("refuse a disabled user's still-valid session", async () => {
    const agent = await createUser("AGENT");
    const cookie = await sessionCookie(agent);
    await db.user.update({ where: { id: agent.id }, data: { disabled: true } });
    expect((await voiceToken(post("/api/tokens/voice", cookie), noParams)).status).toBe(401);
  });
});
