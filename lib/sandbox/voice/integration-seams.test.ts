/**
 * The voice engine's seams with the other engines, through fake modules: TaskRouter (<Enqueue
 * workflowSid>, conference and dequeue instructions, cancel on hangup) and the media layer
 * (ringing browser endpoints, routing, prompts, recordings' audio).
 */
import { afterEach, describe, expect, it } from "vitest";
import { comfortNoiseWav } from "../core/wav";
import type {
  EndpointKind,
  MediaApi,
  PromptSpec,
  SandboxContext,
  SandboxModuleFactory,
  TaskRouterEngineApi,
} from "../core/types";
import { accountModule } from "../account/account-module";
import { hangup, placeCall, routeNumber, twiml } from "../testing/scenario";
import { startTestSandbox, type TestSandbox } from "../testing/test-sandbox";
import { voiceModule } from "./voice-module";
import type { VoiceEngine } from "./voice-engine";

function fakeTaskRouter(log: {
  created: {
    workflowSid: string;
    attributes: Record<string, unknown>;
    priority?: number;
    timeoutSeconds?: number;
  }[];
  canceled: string[];
}): SandboxModuleFactory {
  return (ctx: SandboxContext) => {
    const api: TaskRouterEngineApi = {
      async createTask(options) {
        log.created.push(options);
        return { taskSid: `WT${String(log.created.length).padStart(32, "0")}` };
      },
      async cancelTask(taskSid) {
        log.canceled.push(taskSid);
      },
    };
    ctx.taskrouter = api;
    return { name: "fake-taskrouter" };
  };
}

describe("voice ↔ TaskRouter", () => {
  let s: TestSandbox;
  afterEach(async () => {
    await s.close();
  });

  it("creates a Task from <Enqueue workflowSid>, keeps the caller waiting, and moves it into the task's conference", async () => {
    const log = {
      created: [] as {
        workflowSid: string;
        attributes: Record<string, unknown>;
        priority?: number;
        timeoutSeconds?: number;
      }[],
      canceled: [] as string[],
    };
    s = await startTestSandbox({
      modules: ({ phoneNumber }) => [
        accountModule({ phoneNumber }),
        voiceModule,
        fakeTaskRouter(log),
      ],
    });
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () =>
      twiml(
        `<Enqueue workflowSid="WW${"a".repeat(32)}" waitUrl="/hold" action="/after"><Task priority="5" timeout="300">{"type":"support","language":"es"}</Task></Enqueue>`,
      ),
    );
    s.app.on("/hold", () => twiml(`<Play>https://example.test/hold.mp3</Play>`));
    s.app.on("/after", () => twiml(`<Say>Thanks for calling</Say><Hangup/>`));
    const caller = await placeCall(s);
    expect(log.created).toHaveLength(1);
    expect(log.created[0]).toMatchObject({
      workflowSid: `WW${"a".repeat(32)}`,
      priority: 5,
      timeoutSeconds: 300,
    });
    expect(log.created[0]!.attributes).toMatchObject({
      type: "support",
      language: "es",
      call_sid: caller,
      from: "+12025550111",
      to: "+12025550100",
      direction: "inbound",
      account_sid: s.credentials.accountSid,
      caller: "+12025550111",
    });
    await s.advance(30_000);
    expect(s.app.to("/hold").length).toBeGreaterThanOrEqual(5);
    const taskSid = `WT${"1".padStart(32, "0")}`;
    const voice = s.sandbox.ctx.voice!;
    const { callSid: agentLeg, conferenceSid } = await voice.addConferenceParticipant(taskSid, {
      from: "+12025550100",
      to: "+12025550177",
      endConferenceOnExit: true,
      label: "agent",
    });
    await voice.moveCallToConference(caller, taskSid, {
      endConferenceOnExit: false,
      label: "customer",
    });
    await s.advance(2_000);
    const conference = await s.client.conferences(conferenceSid).fetch();
    expect(conference.friendlyName).toBe(taskSid);
    expect(conference.status).toBe("in-progress");
    const holds = s.app.to("/hold").length;
    await s.advance(20_000);
    expect(s.app.to("/hold")).toHaveLength(holds);
    await hangup(s, agentLeg);
    expect(s.app.to("/after")[0]!.params).toMatchObject({
      QueueResult: "bridged",
      CallSid: caller,
    });
    expect(log.canceled).toEqual([]);
  });

  it("cancels the Task when the caller hangs up before assignment, and bridges a dequeue instruction", async () => {
    const log = { created: [] as never[], canceled: [] as string[] };
    s = await startTestSandbox({
      modules: ({ phoneNumber }) => [
        accountModule({ phoneNumber }),
        voiceModule,
        fakeTaskRouter(log as never),
      ],
    });
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () => twiml(`<Enqueue workflowSid="WW${"b".repeat(32)}" action="/after"/>`));
    s.app.on("/after", () => twiml(`<Hangup/>`));
    const first = await placeCall(s);
    await s.advance(5_000);
    await hangup(s, first);
    expect(log.canceled).toEqual([`WT${"1".padStart(32, "0")}`]);
    expect(s.app.to("/after")[0]!.params).toMatchObject({
      QueueResult: "hangup",
      CallStatus: "completed",
    });

    const second = await placeCall(s);
    const engine = s.sandbox.ctx.voice as VoiceEngine;
    const { workerCallSid } = await engine.dequeueCall(second, {
      to: "+12025550188",
      from: "+12025550100",
      timeoutSeconds: 20,
    });
    await s.advance(2_000);
    expect((await s.client.calls(workerCallSid).fetch()).status).toBe("in-progress");
    expect(engine.core.runtime(second).bridgedWith).toBe(workerCallSid);
    await hangup(s, second);
    expect((await s.client.calls(workerCallSid).fetch()).status).toBe("completed");
    expect(log.canceled).toHaveLength(1);
  });

  it("reports <Enqueue workflowSid> without a TaskRouter engine as unsupported, never silently", async () => {
    s = await startTestSandbox({
      modules: ({ phoneNumber }) => [accountModule({ phoneNumber }), voiceModule],
    });
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () => twiml(`<Enqueue workflowSid="WW${"c".repeat(32)}" action="/after"/>`));
    s.app.on("/after", () => twiml(`<Hangup/>`));
    await placeCall(s);
    expect(s.app.to("/after")[0]!.params.QueueResult).toBe("system-error");
    expect(
      s.sandbox.debugger
        .list()
        .some((e) => e.level === "unsupported" && /TaskRouter/.test(e.message)),
    ).toBe(true);
  });
});

describe("voice ↔ media layer", () => {
  let s: TestSandbox;
  afterEach(async () => {
    await s.close();
  });

  function fakeMedia(
    calls: string[],
    routes: { callSid: string; hears: string[]; prompt?: PromptSpec | null }[][],
  ): SandboxModuleFactory {
    return (ctx) => {
      const media: MediaApi = {
        endpointFor: (address): EndpointKind =>
          address === "client:alice" ? "client" : address === "+12025550150" ? "phone" : "pstn",
        async ring(address, call) {
          calls.push(`ring ${address} ${call.callSid.slice(0, 2)}`);
          return "answered";
        },
        cancelRing: (sid) => void calls.push(`cancelRing ${sid.slice(0, 2)}`),
        caption: (_sid, text) => void calls.push(`caption ${text}`),
        setRouting: (r) => void routes.push(r),
        async play(_sid, prompt) {
          calls.push(`play ${prompt.kind}${prompt.text ? ` ${prompt.text}` : ""}`);
        },
        stopPlayback: () => {},
        startRecording: (key, legs) =>
          void calls.push(`startRecording ${key.slice(0, 2)} ${legs.length}`),
        async stopRecording() {
          return { wav: comfortNoiseWav(3), durationSeconds: 3 };
        },
        release: (sid) => void calls.push(`release ${sid.slice(0, 2)}`),
      };
      ctx.media = media;
      return { name: "fake-media" };
    };
  }

  it("rings a registered Device, routes both legs to hear each other, and takes recordings' audio from the mix", async () => {
    const calls: string[] = [];
    const routes: { callSid: string; hears: string[] }[][] = [];
    s = await startTestSandbox({
      modules: ({ phoneNumber }) => [
        accountModule({ phoneNumber }),
        voiceModule,
        fakeMedia(calls, routes),
      ],
    });
    await routeNumber(s, { voice: "/voice" });
    s.app.on("/voice", () =>
      twiml(
        `<Say>Connecting</Say><Dial record="record-from-answer" action="/after"><Client><Identity>alice</Identity><Parameter name="ticket" value="42"/></Client></Dial>`,
      ),
    );
    s.app.on("/after", () => twiml(`<Hangup/>`));
    const caller = await placeCall(s);
    expect(calls).toContain("caption Connecting");
    // The scripted caller hears the <Say> on the sandbox clock (no audio to time it by).
    await s.advance(5_000);
    expect(calls).toContain("ring client:alice CA");
    const [leg] = await s.client.calls.list({ parentCallSid: caller });
    expect(leg!.status).toBe("in-progress");
    const last = routes.at(-1)!;
    expect(last.find((r) => r.callSid === caller)!.hears).toEqual([leg!.sid]);
    expect(last.find((r) => r.callSid === leg!.sid)!.hears).toEqual([caller]);
    expect(calls).toContain("startRecording RE 2");
    s.sandbox.ctx.voice!.endpointHangup(leg!.sid, "hangup");
    await s.settle();
    expect(s.app.to("/after")[0]!.params.RecordingDuration).toBe("3");
    expect(calls).toContain("release CA");
  });

  it("starts a Voice SDK call through the TwiML App with the connect params as form fields", async () => {
    const calls: string[] = [];
    s = await startTestSandbox({
      modules: ({ phoneNumber }) => [
        accountModule({ phoneNumber }),
        voiceModule,
        fakeMedia(calls, []),
      ],
    });
    const app = await s.client.applications.create({
      friendlyName: "Softphone",
      voiceUrl: `${s.app.url}/connect`,
    });
    s.app.on("/connect", (hook) => twiml(`<Dial callerId="+12025550100">${hook.params.To}</Dial>`));
    const call = await s.sandbox.ctx.voice!.startClientCall({
      identity: "alice",
      params: { To: "+12025550150", contactId: "c1" },
      applicationSid: app.sid,
    });
    await s.settle();
    const [hook] = s.app.to("/connect");
    expect(hook!.params).toMatchObject({
      From: "client:alice",
      Caller: "client:alice",
      To: "+12025550150",
      Direction: "inbound",
      CallStatus: "ringing",
      ApplicationSid: app.sid,
      contactId: "c1",
      CallSid: call.sid,
    });
    expect(calls).toContain("ring +12025550150 CA");
  });
});
