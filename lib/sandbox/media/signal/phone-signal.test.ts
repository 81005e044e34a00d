import { EventEmitter } from "node:events";
import type { IncomingMessage } from "node:http";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { WebSocket } from "ws";
import type { CallSnapshot, VoiceEngineApi } from "../../core/types";
import type { MediaEngine } from "../media-engine";
import type { PhoneEvent } from "../browser/phone-protocol";
import { createTestContext, type TestContext } from "../testing/test-context";
import { PhoneSignalServer } from "./phone-signal";

class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: PhoneEvent[] = [];
  closedWith: number | null = null;
  private nextId = 1;
  send(text: string) {
    this.sent.push(JSON.parse(text) as PhoneEvent);
  }
  ping() {}
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
    this.emit("close");
  }
  terminate() {
    this.close(1006);
  }
  request(body: Record<string, unknown>): number {
    const id = this.nextId++;
    this.emit("message", Buffer.from(JSON.stringify({ ...body, id })), false);
    return id;
  }
  reply(id: number) {
    return this.sent.find((e) => e.type === "reply" && e.id === id) as
      Extract<PhoneEvent, { type: "reply" }> | undefined;
  }
  events(type: string) {
    return this.sent.filter((e) => e.type === type);
  }
}

let ctx: TestContext;
let server: PhoneSignalServer;
let voice: {
  startPhoneCall: ReturnType<typeof vi.fn>;
  sendDigits: ReturnType<typeof vi.fn>;
  sendSpeech: ReturnType<typeof vi.fn>;
  endpointHangup: ReturnType<typeof vi.fn>;
};
const legs: {
  callSid: string | null;
  closed: boolean;
  localSdp: string;
  onDigit: (d: string) => void;
}[] = [];

beforeEach(() => {
  ctx = createTestContext({
    baseUrl: "http://127.0.0.1:3100",
    appUrl: "http://localhost:3000",
    quiet: true,
  });
  voice = {
    startPhoneCall: vi.fn(
      async ({ from, to }: { from: string; to: string }): Promise<CallSnapshot> => ({
        sid: "CA" + "1".repeat(32),
        parentCallSid: null,
        from,
        to,
        status: "queued",
        direction: "inbound",
        startTime: null,
        endTime: null,
      }),
    ),
    sendDigits: vi.fn(),
    sendSpeech: vi.fn(),
    endpointHangup: vi.fn(),
  };
  ctx.voice = voice as unknown as VoiceEngineApi;
  legs.length = 0;
  const media = {
    answerOffer: async (sdp: string) => {
      const leg = {
        callSid: null,
        closed: false,
        localSdp: `answer-to:${sdp}`,
        onDigit: () => undefined,
      };
      legs.push(leg);
      return leg;
    },
    bind: (leg: { callSid: string | null }, callSid: string) => (leg.callSid = callSid),
    closeLeg: (leg: { closed: boolean }) => (leg.closed = true),
    beginStart: () => () => undefined,
  };
  server = new PhoneSignalServer(ctx, media as unknown as MediaEngine);
});

function connect(origin?: string): FakeSocket {
  const socket = new FakeSocket();
  server.accept(
    socket as unknown as WebSocket,
    { headers: { host: "127.0.0.1:3100", ...(origin ? { origin } : {}) } } as IncomingMessage,
  );
  return socket;
}

async function phone(number = "+12025550111"): Promise<FakeSocket> {
  const socket = connect("http://localhost:3000");
  socket.request({ type: "hello", number });
  await vi.waitFor(() => expect(socket.events("reply")).toHaveLength(1));
  return socket;
}

describe("customer phone signalling", () => {
  it("accepts the app's and the sandbox's origins (any loopback spelling) and refuses other pages", () => {
    expect(connect("http://127.0.0.1:3000").closedWith).toBeNull();
    expect(connect("http://localhost:3100").closedWith).toBeNull();
    expect(connect().closedWith).toBeNull();
    expect(connect("https://evil.example").closedWith).toBe(1008);
    expect(connect("http://localhost:4000").closedWith).toBe(1008);
  });

  it("needs an E.164 number before anything else", async () => {
    const socket = connect();
    const early = socket.request({ type: "dial", to: "+12025550100", sdp: "x" });
    const bad = socket.request({ type: "hello", number: "555-0111" });
    await vi.waitFor(() => expect(socket.events("reply")).toHaveLength(2));
    expect(socket.reply(early)).toMatchObject({ ok: false, error: { code: "not_ready" } });
    expect(socket.reply(bad)).toMatchObject({
      ok: false,
      error: { code: "invalid_number", message: expect.stringContaining("E.164") },
    });
    expect(server.hasPhone("555-0111")).toBe(false);
  });

  it("dials: the voice engine starts the call from this phone's number and the answer SDP comes back", async () => {
    const socket = await phone();
    const id = socket.request({ type: "dial", to: "+1 (202) 555-0100", sdp: "phone-offer" });
    await vi.waitFor(() => expect(socket.reply(id)).toBeDefined());
    expect(voice.startPhoneCall).toHaveBeenCalledWith({ from: "+12025550111", to: "+12025550100" });
    expect(socket.reply(id)).toMatchObject({
      ok: true,
      callSid: "CA" + "1".repeat(32),
      sdp: "answer-to:phone-offer",
    });
    expect(legs[0]!.callSid).toBe("CA" + "1".repeat(32));
  });

  it("refuses to dial a malformed number", async () => {
    const socket = await phone();
    const id = socket.request({ type: "dial", to: "call mom", sdp: "x" });
    await vi.waitFor(() =>
      expect(socket.reply(id)).toMatchObject({ ok: false, error: { code: "invalid_number" } }),
    );
    expect(voice.startPhoneCall).not.toHaveBeenCalled();
  });

  it("sends digits, speech and hang-up for its own call; captions and status come back", async () => {
    const socket = await phone();
    const callSid = "CA" + "1".repeat(32);
    socket.request({ type: "dial", to: "+12025550100", sdp: "o" });
    await vi.waitFor(() => expect(server.owns(callSid)).toBe(true));
    socket.request({ type: "digits", callSid, digits: "1#" });
    socket.request({ type: "speech", callSid, text: "billing please" });
    const bad = socket.request({ type: "digits", callSid: "CAother", digits: "1" });
    legs[0]!.onDigit("9");
    await vi.waitFor(() =>
      expect(socket.reply(bad)).toMatchObject({ ok: false, error: { code: "no_call" } }),
    );
    expect(voice.sendDigits.mock.calls).toEqual([
      [callSid, "1#"],
      [callSid, "9"],
    ]);
    expect(voice.sendSpeech).toHaveBeenCalledWith(callSid, "billing please");

    server.caption(callSid, "Thanks for calling");
    ctx.events.emit("event", {
      type: "call.updated",
      data: { sid: callSid, status: "in-progress" },
    });
    ctx.events.emit("event", {
      type: "call.updated",
      data: { sid: "CAsomeoneelse", status: "ringing" },
    });
    expect(socket.events("caption")).toEqual([
      { type: "caption", callSid, text: "Thanks for calling" },
    ]);
    expect(socket.events("status")).toEqual([{ type: "status", callSid, status: "in-progress" }]);

    socket.request({ type: "hangup", callSid });
    await vi.waitFor(() => expect(voice.endpointHangup).toHaveBeenCalledWith(callSid, "hangup"));
    server.release(callSid);
    expect(socket.events("hangup")).toHaveLength(0);
  });

  it("rings its number: answering connects, and a second phone for the number stops ringing", async () => {
    const first = await phone("+12025550122");
    const second = await phone("+12025550122");
    const callSid = "CA" + "2".repeat(32);
    const outcome = server.ring("+12025550122", {
      callSid,
      from: "+12025550100",
      to: "+12025550122",
    });
    expect(first.events("ring")).toEqual([
      { type: "ring", callSid, from: "+12025550100", to: "+12025550122" },
    ]);
    const id = first.request({ type: "answer", callSid, sdp: "phone-offer" });
    await expect(outcome).resolves.toBe("answered");
    expect(first.reply(id)).toMatchObject({ ok: true, sdp: "answer-to:phone-offer" });
    expect(second.events("ring-canceled")).toEqual([{ type: "ring-canceled", callSid }]);
    server.release(callSid);
    expect(first.events("hangup")).toEqual([{ type: "hangup", callSid }]);
  });

  it("a declined ring is rejected; a phone that closes hangs up its call", async () => {
    const socket = await phone("+12025550133");
    const rejected = server.ring("+12025550133", {
      callSid: "CA" + "3".repeat(32),
      from: "+1",
      to: "+12025550133",
    });
    socket.request({ type: "reject", callSid: "CA" + "3".repeat(32) });
    await expect(rejected).resolves.toBe("rejected");
    await expect(
      server.ring("+12025550199", { callSid: "CAx", from: "+1", to: "+12025550199" }),
    ).resolves.toBe("unavailable");

    socket.request({ type: "dial", to: "+12025550100", sdp: "o" });
    await vi.waitFor(() => expect(server.owns("CA" + "1".repeat(32))).toBe(true));
    socket.close(1001);
    expect(voice.endpointHangup).toHaveBeenCalledWith("CA" + "1".repeat(32), "hangup");
    expect(server.hasPhone("+12025550133")).toBe(false);
  });
});
