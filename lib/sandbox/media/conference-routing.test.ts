import { describe, expect, it } from "vitest";
import {
  conferenceRecordingSources,
  conferenceRoutes,
  DEFAULT_HOLD_PROMPT,
  type ConferenceParticipantAudio,
} from "./conference-routing";

const customer: ConferenceParticipantAudio = { callSid: "CAcustomer" };
const agent: ConferenceParticipantAudio = { callSid: "CAagent" };

function hearsOf(participants: ConferenceParticipantAudio[], started = true) {
  return Object.fromEntries(
    conferenceRoutes({ started, participants }).map((r) => [r.callSid, r.hears]),
  );
}

describe("conferenceRoutes", () => {
  it("everyone hears everyone else", () => {
    expect(hearsOf([customer, agent])).toEqual({
      CAcustomer: ["CAagent"],
      CAagent: ["CAcustomer"],
    });
  });

  it("before the conference starts, participants hear the wait music only", () => {
    const wait = { kind: "play" as const, url: "https://app.example/wait.wav", loop: 0 };
    const routes = conferenceRoutes({ started: false, participants: [customer], waitPrompt: wait });
    expect(routes).toEqual([{ callSid: "CAcustomer", hears: [], prompt: wait }]);
  });

  it("hold: the held party hears music and nobody hears them", () => {
    const routes = conferenceRoutes({
      started: true,
      participants: [{ ...customer, hold: true }, agent],
    });
    expect(routes).toEqual([
      { callSid: "CAcustomer", hears: [], prompt: DEFAULT_HOLD_PROMPT },
      { callSid: "CAagent", hears: [], prompt: null },
    ]);
  });

  it("monitor: a muted supervisor hears both parties and is heard by neither", () => {
    const supervisor = { callSid: "CAsup", muted: true };
    expect(hearsOf([customer, agent, supervisor])).toEqual({
      CAcustomer: ["CAagent"],
      CAagent: ["CAcustomer"],
      CAsup: ["CAcustomer", "CAagent"],
    });
  });

  it("whisper: the coach is heard only by the coached agent", () => {
    const coach = { callSid: "CAsup", coaching: true, callSidToCoach: "CAagent" };
    expect(hearsOf([customer, agent, coach])).toEqual({
      CAcustomer: ["CAagent"],
      CAagent: ["CAcustomer", "CAsup"],
      CAsup: ["CAcustomer", "CAagent"],
    });
  });

  it("barge: the supervisor is an ordinary participant", () => {
    const barge = { callSid: "CAsup" };
    expect(hearsOf([customer, agent, barge])).toEqual({
      CAcustomer: ["CAagent", "CAsup"],
      CAagent: ["CAcustomer", "CAsup"],
      CAsup: ["CAcustomer", "CAagent"],
    });
  });

  it("records what an ordinary participant hears (no held, muted or coaching legs)", () => {
    const participants = [
      customer,
      agent,
      { callSid: "CAmon", muted: true },
      { callSid: "CAcoach", coaching: true, callSidToCoach: "CAagent" },
      { callSid: "CAheld", hold: true },
    ];
    expect(conferenceRecordingSources({ started: true, participants })).toEqual([
      "CAcustomer",
      "CAagent",
    ]);
    expect(conferenceRecordingSources({ started: false, participants })).toEqual([]);
  });
});
