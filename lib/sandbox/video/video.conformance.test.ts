/** Conformance: Video Rooms/Participants/RecordingRules through the twilio client, status callbacks, and room signalling. */
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";
import type { VideoServerMessage } from "./browser/video-protocol";

function videoToken(s: TestSandbox, identity: string, room?: string, ttl = 3600): string {
  const token = new twilio.jwt.AccessToken(s.credentials.accountSid, s.credentials.apiKeySid, s.credentials.apiKeySecret, { identity, ttl });
  token.addGrant(new twilio.jwt.AccessToken.VideoGrant(room ? { room } : {}));
  return token.toJwt();
}

/** A signalling connection that keeps every message it receives. */
async function signal(s: TestSandbox, token: string, name?: string) {
  const socket = new WebSocket(`${s.url.replace(/^http/, "ws")}/video/signal`);
  const messages: VideoServerMessage[] = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data)) as VideoServerMessage));
  await new Promise((resolve) => socket.once("open", resolve));
  socket.send(JSON.stringify({ type: "connect", token, ...(name ? { name } : {}) }));
  const next = async (type: VideoServerMessage["type"]) => {
    for (let i = 0; i < 200; i++) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${type} message; got ${JSON.stringify(messages)}`);
  };
  return { socket, messages, next };
}

describe("video", () => {
  let s: TestSandbox;
  beforeEach(async () => {
    s = await startTestSandbox();
  });
  afterEach(async () => {
    expect(s.app.requests.every((r) => r.signatureValid)).toBe(true);
    await s.close();
  });

  it("runs a room's lifecycle with signed, ordered status callbacks", async () => {
    const room = await s.client.video.v1.rooms.create({ uniqueName: "insp-abc12345", type: "group", statusCallback: `${s.app.url}/video`, statusCallbackMethod: "POST" });
    expect(room).toMatchObject({ uniqueName: "insp-abc12345", status: "in-progress", type: "group" });
    expect(room.sid).toMatch(/^RM[0-9a-f]{32}$/);
    await expect(s.client.video.v1.rooms.create({ uniqueName: "insp-abc12345" })).rejects.toMatchObject({ code: 53113 });
    expect((await s.client.video.v1.rooms("insp-abc12345").fetch()).sid).toBe(room.sid);

    const alice = await signal(s, videoToken(s, "Alice · alice", "insp-abc12345"), "insp-abc12345");
    const connected = await alice.next("connected");
    expect(connected).toMatchObject({ room: { sid: room.sid, isRecording: false }, participants: [] });
    const guest = await signal(s, videoToken(s, "Olga · guest-1", "insp-abc12345"));
    const guestSid = ((await guest.next("connected")) as Extract<VideoServerMessage, { type: "connected" }>).participant.sid;
    expect(await alice.next("participant-connected")).toMatchObject({ participant: { sid: guestSid, identity: "Olga · guest-1" } });

    const participants = await s.client.video.v1.rooms(room.sid).participants.list({ status: "connected" });
    expect(participants.map((p) => p.identity).sort()).toEqual(["Alice · alice", "Olga · guest-1"]);

    await s.client.video.v1.rooms(room.sid).recordingRules.update({ rules: [{ type: "include", all: true }] });
    expect(await guest.next("recording")).toEqual({ type: "recording", isRecording: true });

    await s.client.video.v1.rooms(room.sid).participants(guestSid).update({ status: "disconnected" });
    expect(await guest.next("disconnected")).toMatchObject({ code: 53216 });
    expect(await alice.next("participant-disconnected")).toEqual({ type: "participant-disconnected", sid: guestSid });

    await s.client.video.v1.rooms(room.sid).update({ status: "completed" });
    expect(await alice.next("disconnected")).toMatchObject({ code: 53118 });
    await s.settle();
    const events = s.app.to("/video").map((h) => h.params);
    expect(events.map((e) => e.StatusCallbackEvent)).toEqual([
      "room-created", "participant-connected", "participant-connected", "participant-disconnected", "participant-disconnected", "room-ended",
    ]);
    expect(events.map((e) => Number(e.SequenceNumber))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events[3]).toMatchObject({ ParticipantSid: guestSid, ParticipantIdentity: "Olga · guest-1", ParticipantStatus: "disconnected", RoomName: "insp-abc12345" });
    expect(events[5]).toMatchObject({ RoomStatus: "completed", RoomSid: room.sid });
    expect((await s.client.video.v1.rooms(room.sid).fetch()).status).toBe("completed");
  });

  it("refuses a token for another room, an expired token and a forged one", async () => {
    await s.client.video.v1.rooms.create({ uniqueName: "room-a" });
    await s.client.video.v1.rooms.create({ uniqueName: "room-b" });
    const other = await signal(s, videoToken(s, "Olga · guest-1", "room-a"), "room-b");
    expect(await other.next("disconnected")).toMatchObject({ code: 20101 });
    const forged = `${videoToken(s, "x", "room-a").slice(0, -4)}AAAA`;
    expect(await (await signal(s, forged, "room-a")).next("disconnected")).toMatchObject({ code: 20101 });
    const expired = new twilio.jwt.AccessToken(s.credentials.accountSid, s.credentials.apiKeySid, s.credentials.apiKeySecret, { identity: "x", ttl: 60, nbf: 0 });
    expired.addGrant(new twilio.jwt.AccessToken.VideoGrant({ room: "room-a" }));
    await s.advance(120_000);
    expect(await (await signal(s, expired.toJwt(), "room-a")).next("disconnected")).toMatchObject({ code: 20104 });
    expect(await s.client.video.v1.rooms("room-b").participants.list()).toHaveLength(0);
  });

  it("relays peer signalling and data messages only within the room", async () => {
    await s.client.video.v1.rooms.create({ uniqueName: "room-a" });
    const a = await signal(s, videoToken(s, "a", "room-a"));
    await a.next("connected");
    const b = await signal(s, videoToken(s, "b", "room-a"));
    const bSid = ((await b.next("connected")) as Extract<VideoServerMessage, { type: "connected" }>).participant.sid;
    a.socket.send(JSON.stringify({ type: "signal", to: bSid, data: { description: { type: "offer", sdp: "v=0" } } }));
    expect(await b.next("signal")).toMatchObject({ data: { description: { type: "offer" } } });
    a.socket.send(JSON.stringify({ type: "data", trackSid: "MT1", data: "hello" }));
    expect(await b.next("data")).toMatchObject({ trackSid: "MT1", data: "hello" });
    a.socket.close();
    b.socket.close();
  });
});
