import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as media } from "@/app/api/recordings/[recordingSid]/media/route";
import { db } from "@/lib/server/db";
import { FakeTwilio } from "../support/fake-twilio";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { TEST_ACCOUNT_SID, TEST_CREDENTIALS } from "../support/test-credentials";
import { sid } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const ctx = (recordingSid: string) => ({ params: Promise.resolve({ recordingSid }) }) as never;

/** A recorded call handled by `agentId`, with 1000 bytes of "audio" at the Twilio media URL. */
async function recordedCall(agentId: string | null) {
  const callSid = sid("CA");
  const call = await db.call.create({ data: { callSid, direction: "inbound", from: "+12025550150", to: "+12025550100", status: "completed", agentId } });
  const recordingSid = sid("RE");
  await db.recording.create({
    data: { recordingSid, callSid, callId: call.id, status: "completed", url: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${recordingSid}`, durationSeconds: 3 },
  });
  const audio = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  fake.setMedia(`/api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${recordingSid}.wav`, audio);
  return { recordingSid, audio };
}

describe("recording media route", () => {
  it("streams the audio to a supervisor, fetched with the account's credentials", async () => {
    const { recordingSid, audio } = await recordedCall(null);
    const sup = await createUser("SUPERVISOR");
    const res = await media(authedRequest(`/api/recordings/${recordingSid}/media`, await sessionCookie(sup)), ctx(recordingSid));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/wav");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await res.arrayBuffer()).equals(audio)).toBe(true);
    const [upstream] = fake.find("GET", `Recordings/${recordingSid}.wav`);
    const expected = `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_CREDENTIALS.authToken}`).toString("base64")}`;
    expect(upstream?.headers.authorization).toBe(expected);
  });

  it("answers byte ranges with 206 and the exact slice, and 416 outside the file", async () => {
    const { recordingSid, audio } = await recordedCall(null);
    const cookie = await sessionCookie(await createUser("ADMIN"));
    const res = await media(authedRequest(`/api/recordings/${recordingSid}/media`, cookie, { headers: { range: "bytes=100-199" } }), ctx(recordingSid));
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe("bytes 100-199/1000");
    expect(Buffer.from(await res.arrayBuffer()).equals(audio.subarray(100, 200))).toBe(true);

    const tail = await media(authedRequest("/x", cookie, { headers: { range: "bytes=-10" } }), ctx(recordingSid));
    expect(Buffer.from(await tail.arrayBuffer()).equals(audio.subarray(990))).toBe(true);

    const outside = await media(authedRequest("/x", cookie, { headers: { range: "bytes=5000-" } }), ctx(recordingSid));
    expect(outside.status).toBe(416);
    expect(outside.headers.get("content-range")).toBe("bytes */1000");
  });

  it("offers a download with ?download=1", async () => {
    const { recordingSid } = await recordedCall(null);
    const cookie = await sessionCookie(await createUser("SUPERVISOR"));
    const res = await media(authedRequest(`/api/recordings/${recordingSid}/media?download=1`, cookie), ctx(recordingSid));
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${recordingSid}.wav"`);
  });

  it("lets an agent play their own call's recording but not someone else's", async () => {
    const agent = await createUser("AGENT");
    const other = await createUser("AGENT");
    const mine = await recordedCall(agent.id);
    const theirs = await recordedCall(other.id);
    const cookie = await sessionCookie(agent);
    expect((await media(authedRequest("/x", cookie), ctx(mine.recordingSid))).status).toBe(200);
    fake.requests.length = 0;
    expect((await media(authedRequest("/x", cookie), ctx(theirs.recordingSid))).status).toBe(403);
    expect(fake.requests).toHaveLength(0);
  });

  it("answers 401 signed out, 404 for unknown recordings and 400 for malformed SIDs", async () => {
    const { recordingSid } = await recordedCall(null);
    expect((await media(new Request(`http://localhost:3000/api/recordings/${recordingSid}/media`), ctx(recordingSid))).status).toBe(401);
    const cookie = await sessionCookie(await createUser("SUPERVISOR"));
    expect((await media(authedRequest("/x", cookie), ctx(sid("RE")))).status).toBe(404);
    expect((await media(authedRequest("/x", cookie), ctx("RE123"))).status).toBe(400);
  });

  it("reports a media fetch failure as 502, not a 500", async () => {
    const callSid = sid("CA");
    const recordingSid = sid("RE");
    await db.recording.create({ data: { recordingSid, callSid, status: "completed", url: "x" } });
    fake.failures.push({ method: "GET", pathIncludes: recordingSid, status: 500, times: 1 });
    const res = await media(authedRequest("/x", await sessionCookie(await createUser("SUPERVISOR"))), ctx(recordingSid));
    expect(res.status).toBe(502);
  });
});
