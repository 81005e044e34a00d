import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as startRoute } from "@/app/api/inspections/[id]/start/route";
import { POST as decideRoute } from "@/app/api/inspections/[id]/waiting/[requestId]/route";
import { GET as waitingRoute } from "@/app/api/inspections/[id]/waiting/route";
import { POST as recordingRoute } from "@/app/api/inspections/[id]/recording/route";
import { POST as endRoute } from "@/app/api/inspections/[id]/end/route";
import { POST as snapshotsRoute } from "@/app/api/inspections/[id]/snapshots/route";
import { DELETE as removeRoute } from "@/app/api/inspections/[id]/participants/[participantSid]/route";
import { POST as joinRoute } from "@/app/api/join/[token]/route";
import { POST as pollRoute } from "@/app/api/join/[token]/requests/[requestId]/route";
import { POST as videoStatus } from "@/app/api/twilio/video/status/route";
import { db } from "@/lib/server/db";
import { createInspection } from "@/lib/server/inspections/create-inspection";
import { createInvite, resolveInvite, revokeInvite } from "@/lib/server/inspections/invites";
import { signInviteToken } from "@/lib/server/inspections/invite-token";
import { FakeTwilio } from "../support/fake-twilio";
import { authedRequest, createUser, sessionCookie } from "../support/factories";
import { decodeJwt, verifyHs256 } from "../support/jwt";
import { TEST_ACCOUNT_SID, TEST_API_KEY_SECRET } from "../support/test-credentials";
import { signedRequest, sid } from "../support/twilio-webhooks";

const fake = new FakeTwilio(Number(process.env.FAKE_TWILIO_PORT));
beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

type Staff = Awaited<ReturnType<typeof createUser>>;
const KEY = "k".repeat(40);
const params = <P>(p: P) => ({ params: Promise.resolve(p) }) as never;
const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
const join = (token: string, body: unknown) => joinRoute(new Request(`http://localhost:3000/api/join/${token}`, json(body)), params({ token }));
const poll = (token: string, requestId: string, key = KEY) => pollRoute(new Request(`http://localhost:3000/api/join/${token}/requests/${requestId}`, json({ key })), params({ token, requestId }));
const tokenOf = (url: string) => url.split("/join/")[1]!;

async function newInspection(staff: Staff) {
  const created = await createInspection(staff, { subject: "Hull survey", reference: "IMO 1234567", scheduledAt: new Date(), assigneeId: undefined });
  // The fake stores what it was given; a real room is in progress once created.
  const room = fake.find("POST", "/video/v1/Rooms").at(-1)!;
  fake.seed("video/v1/Rooms", { sid: created.roomSid, status: "in-progress", unique_name: room.form.UniqueName });
  return created;
}

describe("inspections", () => {
  it("create the room through the Video REST API with the status callback", async () => {
    const staff = await createUser("AGENT");
    const { id, roomSid } = await newInspection(staff);
    const [create] = fake.find("POST", "/video/v1/Rooms");
    expect(create!.form).toMatchObject({ UniqueName: `insp-${id}`, Type: "group", StatusCallback: "http://localhost:3000/api/twilio/video/status", StatusCallbackMethod: "POST" });
    expect(await db.inspection.findUniqueOrThrow({ where: { id } })).toMatchObject({ roomSid, assigneeId: staff.id, status: "scheduled" });
  });

  it("open the existing live room when staff start, without creating another", async () => {
    const staff = await createUser("AGENT");
    const { id, roomSid } = await newInspection(staff);
    const res = await startRoute(authedRequest(`/api/inspections/${id}/start`, await sessionCookie(staff), { method: "POST" }), params({ id }));
    expect(await res.json()).toEqual({ room: `insp-${id}`, roomSid });
    expect(fake.find("POST", "/video/v1/Rooms")).toHaveLength(1);
    expect((await db.inspection.findUniqueOrThrow({ where: { id } })).status).toBe("live");
  });
});

describe("invite links", () => {
  it("are valid until revoked, and revocation turns away waiting guests", async () => {
    const staff = await createUser("AGENT");
    const { id } = await newInspection(staff);
    const invite = await createInvite(staff, { inspectionId: id, displayName: "Olga", validHours: 24, maxUses: 5 });
    const token = tokenOf(invite.url);
    expect((await resolveInvite(token)).state).toBe("valid");
    const waiting = (await (await join(token, { displayName: "Olga", key: KEY })).json()) as { requestId: string };
    await revokeInvite(staff, id, invite.id);
    expect((await resolveInvite(token)).state).toBe("revoked");
    expect((await join(token, { displayName: "Olga", key: KEY })).status).toBe(403);
    expect((await poll(token, waiting.requestId)).status).toBe(403);
    expect((await db.inspectionJoinRequest.findUniqueOrThrow({ where: { id: waiting.requestId } })).status).toBe("denied");
  });

  it("expire: by the signed expiry and by the stored one", async () => {
    const staff = await createUser("AGENT");
    const { id } = await newInspection(staff);
    const invite = await createInvite(staff, { inspectionId: id, displayName: "Olga", validHours: 1, maxUses: 5 });
    await db.inspectionInvite.update({ where: { id: invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await resolveInvite(tokenOf(invite.url))).state).toBe("expired");
    expect((await join(tokenOf(invite.url), { displayName: "Olga", key: KEY })).status).toBe(403);
    // A token whose own expiry is past is refused even if someone extended the row.
    const stale = signInviteToken({ inviteId: invite.id, inspectionId: id, expiresAt: new Date(Date.now() - 1000) });
    expect((await resolveInvite(stale)).state).toBe("invalid"); // not the stored token: its hash matches no invite
  });

  it("are bound to their inspection: a token altered to name another room fails", async () => {
    const staff = await createUser("AGENT");
    const a = await newInspection(staff);
    const b = await newInspection(staff);
    const invite = await createInvite(staff, { inspectionId: a.id, displayName: "Olga", validHours: 24, maxUses: 5 });
    const token = tokenOf(invite.url);
    expect((await resolveInvite(token.replace(a.id, b.id))).state).toBe("invalid");
    expect((await resolveInvite(`${token.slice(0, -2)}xx`)).state).toBe("invalid");
    expect((await resolveInvite("not-a-token")).state).toBe("invalid");
  });

  it("are used up after their number of uses", async () => {
    const staff = await createUser("AGENT");
    const { id } = await newInspection(staff);
    const invite = await createInvite(staff, { inspectionId: id, displayName: "Olga", validHours: 24, maxUses: 2 });
    const token = tokenOf(invite.url);
    expect((await join(token, { displayName: "Olga", key: KEY })).status).toBe(201);
    expect((await join(token, { displayName: "Olga", key: KEY })).status).toBe(201);
    const third = await join(token, { displayName: "Olga", key: KEY });
    expect(third.status).toBe(403);
    expect((await third.json()).error.details.state).toBe("used-up");
  });
});

describe("waiting room", () => {
  it("admits a guest with a Video token for that inspection's room only", async () => {
    const staff = await createUser("AGENT");
    const a = await newInspection(staff);
    const b = await newInspection(staff);
    const token = tokenOf((await createInvite(staff, { inspectionId: a.id, displayName: "Olga", validHours: 24, maxUses: 5 })).url);
    const otherToken = tokenOf((await createInvite(staff, { inspectionId: b.id, displayName: "Kim", validHours: 24, maxUses: 5 })).url);
    const { requestId } = (await (await join(token, { displayName: "Olga Inspector", key: KEY })).json()) as { requestId: string };

    expect(await (await poll(token, requestId)).json()).toEqual({ status: "waiting", requestId });
    expect((await poll(token, requestId, "x".repeat(40))).status).toBe(404);
    // The request cannot be collected through another inspection's link.
    expect((await poll(otherToken, requestId)).status).toBe(404);

    const cookie = await sessionCookie(staff);
    const list = await (await waitingRoute(authedRequest(`/api/inspections/${a.id}/waiting`, cookie), params({ id: a.id }))).json();
    expect(list.guests.map((g: { id: string }) => g.id)).toEqual([requestId]);
    // Deciding through another inspection does nothing.
    expect((await decideRoute(authedRequest("/x", cookie, json({ decision: "admit" })), params({ id: b.id, requestId }))).status).toBe(404);
    expect((await decideRoute(authedRequest("/x", cookie, json({ decision: "admit" })), params({ id: a.id, requestId }))).status).toBe(200);

    const admitted = await (await poll(token, requestId)).json();
    expect(admitted).toMatchObject({ status: "admitted", room: `insp-${a.id}`, mode: "sandbox" });
    expect(verifyHs256(admitted.token, TEST_API_KEY_SECRET)).toBe(true);
    const { payload } = decodeJwt(admitted.token);
    expect(payload.grants.video).toEqual({ room: `insp-${a.id}` });
    expect(payload.grants.identity).toBe(`Olga Inspector · guest-${requestId}`);
  });

  it("a denied guest is told so", async () => {
    const staff = await createUser("AGENT");
    const { id } = await newInspection(staff);
    const token = tokenOf((await createInvite(staff, { inspectionId: id, displayName: "Olga", validHours: 24, maxUses: 5 })).url);
    const { requestId } = (await (await join(token, { displayName: "Olga", key: KEY })).json()) as { requestId: string };
    await decideRoute(authedRequest("/x", await sessionCookie(staff), json({ decision: "deny" })), params({ id, requestId }));
    expect((await (await poll(token, requestId)).json()).status).toBe("denied");
  });
});

describe("host controls", () => {
  it("refuse signed-out callers", async () => {
    const id = "cabcdefgh12345678";
    const anon = (path: string, init: RequestInit = {}) => new Request(`http://localhost:3000${path}`, init);
    expect((await waitingRoute(anon(`/api/inspections/${id}/waiting`), params({ id }))).status).toBe(401);
    expect((await decideRoute(anon("/x", json({ decision: "admit" })), params({ id, requestId: "r" }))).status).toBe(401);
    expect((await recordingRoute(anon("/x", json({ recording: true })), params({ id }))).status).toBe(401);
    expect((await endRoute(anon("/x", { method: "POST" }), params({ id }))).status).toBe(401);
    expect((await snapshotsRoute(anon("/x", json({})), params({ id }))).status).toBe(401);
    expect((await removeRoute(anon("/x", { method: "DELETE" }), params({ id, participantSid: sid("PA") }))).status).toBe(401);
    expect((await startRoute(anon("/x", { method: "POST" }), params({ id }))).status).toBe(401);
  });

  it("record, remove and end through the Video REST API", async () => {
    const staff = await createUser("SUPERVISOR");
    const { id, roomSid } = await newInspection(staff);
    const cookie = await sessionCookie(staff);
    fake.seed(`video/v1/Rooms/${roomSid}/RecordingRules`, { sid: "RecordingRules" });
    await recordingRoute(authedRequest("/x", cookie, json({ recording: true })), params({ id }));
    const [rules] = fake.find("POST", `/video/v1/Rooms/${roomSid}/RecordingRules`);
    expect(JSON.parse(rules!.form.Rules as string)).toEqual([{ type: "include", all: true }]);

    const participantSid = sid("PA");
    fake.seed(`video/v1/Rooms/${roomSid}/Participants`, { sid: participantSid, status: "connected" });
    expect((await removeRoute(authedRequest("/x", cookie, { method: "DELETE" }), params({ id, participantSid }))).status).toBe(200);
    expect(fake.find("POST", `/video/v1/Rooms/${roomSid}/Participants/${participantSid}`)[0]!.form).toEqual({ Status: "disconnected" });

    expect((await endRoute(authedRequest("/x", cookie, { method: "POST" }), params({ id }))).status).toBe(200);
    expect(fake.find("POST", `/video/v1/Rooms/${roomSid}`).at(-1)!.form).toEqual({ Status: "completed" });
    expect((await db.inspection.findUniqueOrThrow({ where: { id } })).status).toBe("completed");
  });

  it("save snapshots as images of the inspection", async () => {
    const staff = await createUser("AGENT");
    const { id } = await newInspection(staff);
    const image = `data:image/jpeg;base64,${Buffer.alloc(300, 7).toString("base64")}`;
    const res = await snapshotsRoute(authedRequest("/x", await sessionCookie(staff), json({ participant: "Olga", image })), params({ id }));
    expect(res.status).toBe(201);
    const saved = await db.inspectionSnapshot.findFirstOrThrow({ where: { inspectionId: id } });
    expect(saved).toMatchObject({ participant: "Olga", contentType: "image/jpeg", takenById: staff.id });
    expect(Buffer.from(saved.data).length).toBe(300);
  });
});

describe("video status callbacks", () => {
  it("link the room to its inspection and store participants and recordings", async () => {
    const staff = await createUser("AGENT");
    const { id } = await newInspection(staff);
    const roomSid = sid("RM");
    const participantSid = sid("PA");
    const recordingSid = sid("RT");
    const ev = (StatusCallbackEvent: string, SequenceNumber: number, extra: Record<string, string> = {}) =>
      videoStatus(signedRequest("/api/twilio/video/status", { AccountSid: TEST_ACCOUNT_SID, RoomSid: roomSid, RoomName: `insp-${id}`, RoomStatus: "in-progress", RoomType: "group", StatusCallbackEvent, SequenceNumber: String(SequenceNumber), Timestamp: new Date().toISOString(), ...extra }));
    expect((await ev("room-created", 0)).status).toBe(204);
    await ev("participant-connected", 1, { ParticipantSid: participantSid, ParticipantIdentity: "Olga Inspector · guest-abc", ParticipantStatus: "connected" });
    await ev("recording-started", 2, { RecordingSid: recordingSid, ParticipantSid: participantSid, SourceSid: participantSid, Type: "video", TrackName: "camera+microphone", Container: "webm" });
    await ev("recording-completed", 3, { RecordingSid: recordingSid, ParticipantSid: participantSid, SourceSid: participantSid, Type: "video", TrackName: "camera+microphone", Container: "webm", Duration: "12", Size: "4096" });
    await ev("participant-disconnected", 4, { ParticipantSid: participantSid, ParticipantIdentity: "Olga Inspector · guest-abc", ParticipantDuration: "30" });
    const room = await db.videoRoom.findUniqueOrThrow({ where: { roomSid }, include: { participants: true, recordings: true } });
    expect(room.inspectionId).toBe(id);
    expect(room.participants[0]).toMatchObject({ identity: "Olga Inspector · guest-abc", status: "disconnected", durationSeconds: 30 });
    expect(room.recordings[0]).toMatchObject({ recordingSid, status: "completed", durationSeconds: 12, sizeBytes: 4096, participantSid });
  });

  it("reject unsigned callbacks", async () => {
    const res = await videoStatus(signedRequest("/api/twilio/video/status", { AccountSid: TEST_ACCOUNT_SID, RoomSid: sid("RM"), RoomName: "insp-x", StatusCallbackEvent: "room-created" }, { signature: "bad" }));
    expect(res.status).toBe(403);
  });
});
