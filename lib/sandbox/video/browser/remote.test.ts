import { describe, expect, it } from "vitest";
import { type RemoteDataTrack, type RemoteMediaTrack, RemoteParticipant } from "./remote";
import type { TrackInfo } from "./video-protocol";

const media = (id: string) => ({ id, kind: "video" }) as unknown as MediaStreamTrack;
const camera: TrackInfo = { sid: "MT1", name: "camera", kind: "video", enabled: true, streamId: "s1" };

function record(participant: RemoteParticipant) {
  const events: string[] = [];
  for (const name of ["trackPublished", "trackSubscribed", "trackUnsubscribed", "trackUnpublished", "trackEnabled", "trackDisabled", "trackMessage"]) {
    participant.on(name, () => events.push(name));
  }
  return events;
}

describe("RemoteParticipant (sandbox adapter)", () => {
  it("subscribes when the media arrives after the publication, and when it arrives first", () => {
    const late = new RemoteParticipant("PA1", "Olga · guest-1");
    const lateEvents = record(late);
    late.updateTracks([camera]);
    expect(late.videoTracks.get("MT1")?.isSubscribed).toBe(false);
    late.addMedia("s1", media("m1"));
    expect(lateEvents).toEqual(["trackPublished", "trackSubscribed"]);
    expect((late.videoTracks.get("MT1")?.track as RemoteMediaTrack).mediaStreamTrack.id).toBe("m1");

    const early = new RemoteParticipant("PA2", "Kim · guest-2");
    const earlyEvents = record(early);
    early.addMedia("s1", media("m2"));
    expect(earlyEvents).toEqual([]);
    early.updateTracks([camera]);
    expect(earlyEvents).toEqual(["trackPublished", "trackSubscribed"]);
  });

  it("reports enable/disable on the track and the participant, and unpublishes what disappears", () => {
    const p = new RemoteParticipant("PA1", "Olga · guest-1");
    p.updateTracks([camera]);
    p.addMedia("s1", media("m1"));
    const events = record(p);
    const track = p.videoTracks.get("MT1")!.track as RemoteMediaTrack;
    const trackEvents: string[] = [];
    track.on("disabled", () => trackEvents.push("disabled"));
    p.updateTracks([{ ...camera, enabled: false }]);
    expect(track.isEnabled).toBe(false);
    expect(trackEvents).toEqual(["disabled"]);
    p.updateTracks([]);
    expect(events).toEqual(["trackDisabled", "trackUnsubscribed", "trackUnpublished"]);
    expect(p.tracks.size).toBe(0);
  });

  it("subscribes data tracks at once and delivers their messages", () => {
    const p = new RemoteParticipant("PA1", "Olga · guest-1");
    const events = record(p);
    p.updateTracks([{ sid: "MT9", name: "chat", kind: "data", enabled: true }]);
    const track = p.dataTracks.get("MT9")!.track as RemoteDataTrack;
    const messages: string[] = [];
    track.on("message", (data: string) => messages.push(data));
    p.receiveData("MT9", "hello");
    p.receiveData("MT404", "lost");
    expect(messages).toEqual(["hello"]);
    expect(events).toEqual(["trackPublished", "trackSubscribed", "trackMessage"]);
  });

  it("unpublishes everything once when disconnected", () => {
    const p = new RemoteParticipant("PA1", "Olga · guest-1");
    p.updateTracks([camera, { sid: "MT2", name: "microphone", kind: "audio", enabled: true, streamId: "s2" }]);
    const events = record(p);
    let disconnected = 0;
    p.on("disconnected", () => disconnected++);
    p.disconnect();
    p.disconnect();
    expect(disconnected).toBe(1);
    expect(events.filter((e) => e === "trackUnpublished")).toHaveLength(2);
    expect(p.state).toBe("disconnected");
  });
});

describe("qualityLevel", () => {
  it("maps round-trip time and loss to Twilio's 1–5 levels", async () => {
    const { qualityLevel } = await import("./peer-link");
    expect(qualityLevel(null, null)).toBeNull();
    expect(qualityLevel(0.01, 0)).toBe(5);
    expect(qualityLevel(0.2, 0.01)).toBe(4);
    expect(qualityLevel(0.01, 0.08)).toBe(3);
    expect(qualityLevel(2, 0)).toBe(1);
  });
});
