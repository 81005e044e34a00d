import { EventEmitter } from "node:events";
import { beforeEach, describe, expect, it, vi } from "vitest";
import twilio from "twilio";
import type { WebSocket } from "ws";
import type { CallSnapshot, VoiceEngineApi } from "../../core/types";
import type { MediaEngine } from "../media-engine";
import { createClock } from "../../core/clock";
import { createTestContext, type TestContext } from "../testing/test-context";
import { SIGNALING_RECONNECT_GRACE_MS, VoiceSignalServer } from "./voice-signal";

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: string[] = [];
  send(text: string) {
    this.sent.push(text);
  }
  close() {
    this.drop();
  }
  terminate() {
    this.drop();
  }
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.emit("close");
  }
  /** Browser → sandbox. */
  push(type: string, payload: Record<string, unknown>) {
    this.emit("message", Buffer.from(JSON.stringify({ type, version: "1.6", payload })), false);
  }
  messages(type?: string): { type: string; payload: Record<string, unknown> }[] {
    return this.sent
      .filter((s) => s !== "\n")
      .map((s) => JSON.parse(s) as { type: string; payload: Record<string, unknown> })
      .filter((m) => !type || m.type === type);
  }
}

interface FakeLeg {
  callSid: string | null;
  localSdp: string;
  closed: boolean;
  onDigit: (digit: string) => void;
  onState: (state: string) => void;
  endpoint: { acceptAnswer: ReturnType<typeof vi.fn>; renegotiate: ReturnType<typeof vi.fn> };
}

function fakeMedia() {
  const legs: FakeLeg[] = [];
  const make = (localSdp: string): FakeLeg => {
    const leg: FakeLeg = {
      callSid: null,
      localSdp,
      closed: false,
      onDigit: () => undefined,
      onState: () => undefined,
      endpoint: {
        acceptAnswer: vi.fn(async () => undefined),
        renegotiate: vi.fn(async () => "sandbox-sdp-2"),
      },
    };
    legs.push(leg);
    return leg;
  };
  return {
    legs,
    makeOffer: async () => make("sandbox-offer"),
    answerOffer: async (sdp: string) => make(`sandbox-answer-to:${sdp}`),
    bind: (leg: FakeLeg, callSid: string) => (leg.callSid = callSid),
    closeLeg: (leg: FakeLeg) => (leg.closed = true),
    beginStart: () => () => undefined,
  };
}

function fakeVoice() {
  let n = 0;
  const voice = {
    startClientCall: vi.fn(async (): Promise<CallSnapshot> => ({
      sid: `CA${String(++n).padStart(32, "0")}`,
      parentCallSid: null,
      from: "client:alice",
      to: "",
      status: "queued",
      direction: "inbound",
      startTime: null,
      endTime: null,
    })),
    startPhoneCall: vi.fn(),
    sendDigits: vi.fn(),
    sendSpeech: vi.fn(),
    endpointHangup: vi.fn(),
  };
  return voice;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

let ctx: TestContext;
let media: ReturnType<typeof fakeMedia>;
let voice: ReturnType<typeof fakeVoice>;
let server: VoiceSignalServer;

function mint(
  options: { identity?: string; ttl?: number; incoming?: boolean; outgoing?: boolean } = {},
) {
  const { AccessToken } = twilio.jwt;
  const key = ctx.account.apiKeys[0]!;
  const token = new AccessToken(ctx.account.accountSid, key.sid, key.secret, {
    identity: options.identity ?? "alice",
    ttl: options.ttl ?? 3600,
  });
  token.addGrant(
    new AccessToken.VoiceGrant({
      incomingAllow: options.incoming ?? true,
      outgoingApplicationSid: options.outgoing === false ? undefined : "AP" + "1".repeat(32),
      outgoingApplicationParams: { team: "sales" },
    }),
  );
  return token.toJwt();
}

function connect(): FakeSocket {
  const socket = new FakeSocket();
  server.accept(socket as unknown as WebSocket);
  return socket;
}

async function registered(
  identity = "alice",
  options: Parameters<typeof mint>[0] = {},
): Promise<FakeSocket> {
  const socket = connect();
  socket.push("listen", {
    token: mint({ identity, ...options }),
    browserinfo: {},
    reconnectTimeout: 0,
  });
  socket.push("register", { media: { audio: true } });
  await tick();
  return socket;
}

beforeEach(() => {
  ctx = createTestContext({ clock: createClock({ mode: "manual" }), quiet: true });
  media = fakeMedia();
  voice = fakeVoice();
  ctx.voice = voice as unknown as VoiceEngineApi;
  server = new VoiceSignalServer(ctx, media as unknown as MediaEngine);
});

describe("listen (Access Token)", () => {
  it("answers a valid token with connected, the identity and the remaining ttl", async () => {
    const socket = connect();
    socket.push("listen", { token: mint({ ttl: 600 }) });
    await tick();
    const [connected] = socket.messages("connected");
    expect(connected!.payload).toMatchObject({ region: "sandbox", token: { identity: "alice" } });
    expect(connected!.payload.token).toMatchObject({ ttl: expect.any(Number) });
    expect((connected!.payload.token as { ttl: number }).ttl).toBeGreaterThan(590);
  });

  it("refuses expired and invalid tokens with the gateway's codes, and anything before a valid listen", async () => {
    const socket = connect();
    socket.push("listen", { token: mint({ ttl: -10 }) });
    socket.push("listen", { token: "garbage" });
    socket.push("register", { media: { audio: true } });
    await tick();
    expect(socket.messages("error").map((m) => (m.payload.error as { code: number }).code)).toEqual(
      [31205, 31204, 31204],
    );
    expect(socket.messages("connected")).toHaveLength(0);
    expect(server.isRegistered("alice")).toBe(false);
    expect(ctx.debuggerEntries.map((e) => e.code)).toEqual([20104, 20101]);
  });

  it("expires an unrefreshed token: error 31205 and offline, and a refreshed one keeps going", async () => {
    const stale = await registered("alice", { ttl: 60 });
    const fresh = await registered("bob", { ttl: 60 });
    await ctx.clock.advance(30_000);
    fresh.push("listen", { token: mint({ identity: "bob", ttl: 3600 }) });
    await ctx.clock.advance(31_000);
    expect(stale.messages("error").at(-1)!.payload.error).toMatchObject({ code: 31205 });
    expect(stale.messages("offline")).toHaveLength(1);
    expect(server.isRegistered("alice")).toBe(false);
    expect(fresh.messages("error")).toHaveLength(0);
    expect(fresh.messages("connected")).toHaveLength(2);
    expect(server.isRegistered("bob")).toBe(true);
  });
});

describe("register", () => {
  it("needs the incoming grant", async () => {
    const socket = await registered("alice", { incoming: false });
    expect(socket.messages("error")[0]!.payload.error).toMatchObject({ code: 31201 });
    expect(socket.messages("ready")).toHaveLength(0);
    expect(server.isRegistered("alice")).toBe(false);
  });

  it("registers and unregisters", async () => {
    const socket = await registered();
    expect(socket.messages("ready")).toHaveLength(1);
    expect(server.registrations()).toEqual([{ identity: "alice", devices: 1 }]);
    socket.push("register", { media: { audio: false } });
    expect(socket.messages("offline")).toHaveLength(1);
    expect(server.isRegistered("alice")).toBe(false);
  });
});

describe("incoming calls (ring)", () => {
  const call = {
    callSid: "CA" + "a".repeat(32),
    from: "+12025550111",
    to: "client:alice",
    customParameters: { queue: "support", caller: "+1 (202) 555-0111" },
  };

  it("is unavailable when no Device is registered", async () => {
    await expect(server.ring("alice", call)).resolves.toBe("unavailable");
  });

  it("invites with the call's parameters and custom parameters, and the answer connects media", async () => {
    const socket = await registered();
    const outcome = server.ring("alice", call);
    await tick();
    const [invite] = socket.messages("invite");
    expect(invite!.payload).toMatchObject({
      callsid: call.callSid,
      sdp: "sandbox-offer",
      parameters: {
        AccountSid: ctx.account.accountSid,
        ApiVersion: "2010-04-01",
        CallSid: call.callSid,
        From: "+12025550111",
        To: "client:alice",
      },
    });
    expect(
      Object.fromEntries(
        new URLSearchParams((invite!.payload.parameters as { Params: string }).Params),
      ),
    ).toEqual(call.customParameters);
    expect(invite!.payload.reconnect).toEqual(expect.any(String));
    socket.push("answer", { callsid: call.callSid, sdp: "device-answer" });
    await expect(outcome).resolves.toBe("answered");
    expect(media.legs[0]!.endpoint.acceptAnswer).toHaveBeenCalledWith("device-answer");
    expect(media.legs[0]!.callSid).toBe(call.callSid);
    expect(server.owns(call.callSid)).toBe(true);
  });

  it("rings every Device of the identity; the first answer wins and the others are canceled", async () => {
    const first = await registered();
    const second = await registered();
    const outcome = server.ring("alice", call);
    await tick();
    second.push("answer", { callsid: call.callSid, sdp: "b" });
    await expect(outcome).resolves.toBe("answered");
    expect(first.messages("cancel")).toEqual([
      expect.objectContaining({ payload: { callsid: call.callSid } }),
    ]);
    expect(second.messages("cancel")).toHaveLength(0);
    first.push("answer", { callsid: call.callSid, sdp: "late" });
    await tick();
    expect(first.messages("cancel")).toHaveLength(2);
  });

  it("reports a rejection, and a cancel from the engine reaches the Device", async () => {
    const socket = await registered();
    const rejected = server.ring("alice", call);
    await tick();
    socket.push("reject", { callsid: call.callSid });
    await expect(rejected).resolves.toBe("rejected");

    const canceled = server.ring("alice", { ...call, callSid: "CA" + "b".repeat(32) });
    await tick();
    server.cancelRing("CA" + "b".repeat(32));
    await expect(canceled).resolves.toBe("canceled");
    expect(socket.messages("cancel").at(-1)!.payload).toEqual({ callsid: "CA" + "b".repeat(32) });
    expect(media.legs.every((leg) => leg.closed)).toBe(true);
  });
});

describe("outgoing calls (device.connect)", () => {
  it("starts the TwiML App flow with the connect params over the grant's, then rings and answers", async () => {
    const socket = await registered();
    socket.push("invite", {
      callsid: "TJSabc",
      sdp: "device-offer",
      twilio: { params: "To=%2B12025550122&team=support" },
    });
    await vi.waitFor(() => expect(socket.messages("answer")).toHaveLength(1));
    expect(voice.startClientCall).toHaveBeenCalledWith({
      identity: "alice",
      params: { To: "+12025550122", team: "support" },
      applicationSid: "AP" + "1".repeat(32),
    });
    const callSid = "CA" + "1".padStart(32, "0");
    expect(
      socket
        .messages()
        .map((m) => m.type)
        .slice(-2),
    ).toEqual(["ringing", "answer"]);
    expect(socket.messages("answer")[0]!.payload).toMatchObject({
      callsid: callSid,
      sdp: "sandbox-answer-to:device-offer",
      reconnect: expect.any(String),
    });
  });

  it("refuses a token without an outgoing application", async () => {
    const socket = await registered("alice", { outgoing: false });
    socket.push("invite", { callsid: "TJSabc", sdp: "device-offer", twilio: {} });
    await tick();
    expect(socket.messages("hangup")[0]!.payload).toMatchObject({
      callsid: "TJSabc",
      error: { code: 31201 },
    });
    expect(voice.startClientCall).not.toHaveBeenCalled();
  });

  it("hangs up with the engine's error when the call cannot start", async () => {
    voice.startClientCall.mockRejectedValueOnce(
      Object.assign(new Error("Application not found"), { code: 31001 }),
    );
    const socket = await registered();
    socket.push("invite", { callsid: "TJSabc", sdp: "device-offer", twilio: {} });
    await vi.waitFor(() => expect(socket.messages("hangup")).toHaveLength(1));
    expect(socket.messages("hangup")[0]!.payload).toEqual({
      callsid: "TJSabc",
      error: { code: 31001, message: "Application not found" },
    });
    expect(media.legs[0]!.closed).toBe(true);
  });

  it("a caller who hangs up while the call is being created still ends it", async () => {
    let finish!: (snapshot: CallSnapshot) => void;
    voice.startClientCall.mockImplementationOnce(
      () => new Promise((resolve) => (finish = resolve)),
    );
    const socket = await registered();
    socket.push("invite", { callsid: "TJSabc", sdp: "device-offer", twilio: {} });
    await tick();
    socket.push("hangup", { callsid: "TJSabc" });
    finish({
      sid: "CA" + "9".repeat(32),
      parentCallSid: null,
      from: "client:alice",
      to: "",
      status: "queued",
      direction: "inbound",
      startTime: null,
      endTime: null,
    });
    await vi.waitFor(() =>
      expect(voice.endpointHangup).toHaveBeenCalledWith("CA" + "9".repeat(32), "hangup"),
    );
    expect(socket.messages("answer")).toHaveLength(0);
  });
});

describe("in a call", () => {
  async function inCall() {
    const socket = await registered();
    socket.push("invite", { callsid: "TJSabc", sdp: "device-offer", twilio: {} });
    await vi.waitFor(() => expect(socket.messages("answer")).toHaveLength(1));
    const answer = socket.messages("answer")[0]!.payload as { callsid: string; reconnect: string };
    return { socket, callSid: answer.callsid, reconnect: answer.reconnect };
  }

  it("passes digits from signalling and from RTP telephone-events to the engine", async () => {
    const { socket, callSid } = await inCall();
    socket.push("dtmf", { callsid: callSid, dtmf: "12w#" });
    media.legs[0]!.onDigit("7");
    expect(voice.sendDigits.mock.calls).toEqual([
      [callSid, "12#"],
      [callSid, "7"],
    ]);
  });

  it("a Device hangup ends the leg once; the engine's release then sends nothing back", async () => {
    const { socket, callSid } = await inCall();
    socket.push("hangup", { callsid: callSid });
    socket.push("hangup", { callsid: callSid });
    expect(voice.endpointHangup.mock.calls).toEqual([[callSid, "hangup"]]);
    server.release(callSid);
    expect(socket.messages("hangup")).toHaveLength(0);
    expect(server.owns(callSid)).toBe(false);
  });

  it("the engine hanging up tells the Device", async () => {
    const { socket, callSid } = await inCall();
    server.release(callSid);
    expect(socket.messages("hangup")).toEqual([
      expect.objectContaining({ payload: { callsid: callSid } }),
    ]);
    expect(media.legs[0]!.closed).toBe(true);
  });

  it("answers an ICE restart reinvite with a renegotiated answer", async () => {
    const { socket, callSid } = await inCall();
    socket.push("reinvite", { callsid: callSid, sdp: "restart-offer" });
    await vi.waitFor(() => expect(socket.messages("answer")).toHaveLength(2));
    expect(media.legs[0]!.endpoint.renegotiate).toHaveBeenCalledWith("restart-offer");
    expect(socket.messages("answer")[1]!.payload).toEqual({
      callsid: callSid,
      sdp: "sandbox-sdp-2",
    });
  });

  it("survives a dropped socket when the SDK re-invites with its reconnect token", async () => {
    const { socket, callSid, reconnect } = await inCall();
    socket.drop();
    const again = connect();
    again.push("listen", { token: mint() });
    again.push("invite", { callsid: callSid, sdp: "device-local-sdp", reconnect, twilio: {} });
    await tick();
    expect(again.messages("answer")[0]!.payload).toEqual({
      callsid: callSid,
      sdp: "sandbox-answer-to:device-offer",
      reconnect,
    });
    await ctx.clock.advance(SIGNALING_RECONNECT_GRACE_MS + 1000);
    expect(voice.endpointHangup).not.toHaveBeenCalled();
    server.release(callSid);
    expect(again.messages("hangup")).toHaveLength(1);
  });

  it("drops the call when the Device does not come back within the grace period", async () => {
    const { socket, callSid } = await inCall();
    socket.drop();
    await ctx.clock.advance(SIGNALING_RECONNECT_GRACE_MS - 1000);
    expect(voice.endpointHangup).not.toHaveBeenCalled();
    await ctx.clock.advance(2000);
    expect(voice.endpointHangup).toHaveBeenCalledWith(callSid, "failed");
  });

  it("refuses a reconnect with an unknown token or another identity", async () => {
    const { callSid, reconnect } = await inCall();
    const stranger = connect();
    stranger.push("listen", { token: mint({ identity: "mallory" }) });
    stranger.push("invite", { callsid: callSid, sdp: "x", reconnect, twilio: {} });
    stranger.push("invite", { callsid: callSid, sdp: "x", reconnect: "made-up", twilio: {} });
    await tick();
    expect(
      stranger.messages("hangup").map((m) => (m.payload.error as { code: number }).code),
    ).toEqual([31209, 31209]);
  });
});
