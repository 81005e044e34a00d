import { expect, type Page } from "@playwright/test";
import type { Call, Device } from "@twilio/voice-sdk";
import type { voiceDeviceOptions } from "../../lib/sandbox/media/browser/device-options";
import type { CustomerPhone } from "../../lib/sandbox/media/browser/customer-phone";

/** What client-entry.ts puts on window, plus the state the helpers below keep there. */
export type TestWindow = Window & {
  Sandbox: {
    Device: typeof Device;
    Call: typeof Call;
    voiceDeviceOptions: typeof voiceDeviceOptions;
    CustomerPhone: typeof CustomerPhone;
    peerConnections: RTCPeerConnection[];
  };
  agent: {
    device: Device;
    incoming: Call[];
    call: Call | null;
    log: string[];
    errors: { code: number; message: string }[];
    watch(call: Call): void;
  };
  phone: {
    phone: CustomerPhone;
    log: string[];
    rings: { callSid: string; from: string }[];
    captions: string[];
  };
};

export const BUSINESS_NUMBER = "+12025550100";

export async function token(page: Page, body: Record<string, unknown> = {}): Promise<string> {
  const response = await page.request.post("/test/token", { data: body });
  return ((await response.json()) as { token: string }).token;
}

/** Opens a page with the real Device constructed from the sandbox options; registers it. */
export async function openAgent(
  page: Page,
  options: { identity?: string; ttl?: number; tokenRefreshMs?: number; register?: boolean } = {},
) {
  await page.goto("/");
  const jwt = await token(page, {
    identity: options.identity ?? "alice",
    ttl: options.ttl ?? 3600,
  });
  await page.evaluate(
    async ({ jwt, register, tokenRefreshMs }) => {
      const w = window as unknown as TestWindow;
      const answer = {
        token: jwt,
        mode: "sandbox" as const,
        sandbox: { baseUrl: location.origin },
      };
      const device = new w.Sandbox.Device(answer.token, {
        ...w.Sandbox.voiceDeviceOptions(answer),
        ...(tokenRefreshMs ? { tokenRefreshMs } : {}),
      });
      const agent: TestWindow["agent"] = {
        device,
        incoming: [],
        call: null,
        log: [],
        errors: [],
        watch(call) {
          for (const name of [
            "accept",
            "disconnect",
            "reconnecting",
            "reconnected",
            "ringing",
            "cancel",
            "reject",
          ])
            call.on(name, () => agent.log.push(`call:${name}`));
          call.on("error", (error: { code: number }) => agent.log.push(`call:error:${error.code}`));
        },
      };
      w.agent = agent;
      for (const name of ["registered", "unregistered", "registering", "tokenWillExpire"])
        device.on(name, () => agent.log.push(name));
      device.on("error", (error: { code: number; message: string }) => {
        agent.errors.push({ code: error.code, message: error.message });
        agent.log.push(`error:${error.code}`);
      });
      device.on("incoming", (call) => {
        agent.incoming.push(call);
        agent.log.push("incoming");
        call.on("cancel", () => agent.log.push("incoming-cancel"));
      });
      if (register) await device.register();
    },
    { jwt, register: options.register ?? true, tokenRefreshMs: options.tokenRefreshMs },
  );
}

/** Records a Call's events in the agent log (call:accept, call:disconnect, …). */
export function watchCall(page: Page, which: "incoming" | "call"): Promise<void> {
  return page.evaluate((which) => {
    const w = window as unknown as TestWindow;
    const call =
      which === "incoming" ? w.agent.incoming[w.agent.incoming.length - 1]! : w.agent.call!;
    w.agent.call = call;
    w.agent.watch(call);
  }, which);
}

export async function agentLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as TestWindow).agent.log);
}

/** Opens a page with a connected customer phone for `number`. */
export async function openPhone(page: Page, number: string) {
  await page.goto("/");
  await page.evaluate(async (number) => {
    const w = window as unknown as TestWindow;
    const phone = new w.Sandbox.CustomerPhone({ sandboxUrl: location.origin, number });
    const state: TestWindow["phone"] = { phone, log: [], rings: [], captions: [] };
    w.phone = state;
    phone.on("ring", (ring) => {
      state.rings.push(ring);
      state.log.push("ring");
    });
    phone.on("ring-canceled", () => state.log.push("ring-canceled"));
    phone.on("hangup", () => state.log.push("hangup"));
    phone.on("status", ({ status }) => state.log.push(`status:${status}`));
    phone.on("caption", ({ text }) => state.captions.push(text));
    await phone.connect();
  }, number);
}

export async function phoneLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as TestWindow).phone.log);
}

interface InboundAudio {
  bytes: number;
  energy: number;
}

/** inbound-rtp audio of the page's live peer connection (the Device's call or the phone's). */
async function inboundAudio(page: Page, side: "agent" | "phone"): Promise<InboundAudio | null> {
  return page.evaluate(async (side) => {
    const w = window as unknown as TestWindow;
    let stats: RTCStatsReport | null = null;
    if (side === "phone") stats = await w.phone.phone.getStats();
    else {
      const pc = [...w.Sandbox.peerConnections]
        .reverse()
        .find((p) => p.connectionState === "connected");
      stats = pc ? await pc.getStats() : null;
    }
    if (!stats) return null;
    let result: { bytes: number; energy: number } | null = null;
    stats.forEach(
      (report: {
        type: string;
        kind?: string;
        bytesReceived?: number;
        totalAudioEnergy?: number;
      }) => {
        if (report.type === "inbound-rtp" && report.kind === "audio")
          result = { bytes: report.bytesReceived ?? 0, energy: report.totalAudioEnergy ?? 0 };
      },
    );
    return result;
  }, side);
}

/**
 * Audio arrives and is not silence: inbound bytes and the received audio energy keep growing.
 * (A sandbox that routed nobody would still send packets, but of silence: energy would stay 0.)
 */
export async function expectAudioFlowing(page: Page, side: "agent" | "phone") {
  let first: InboundAudio | null = null;
  await expect
    .poll(async () => (first = await inboundAudio(page, side))?.energy ?? 0, {
      message: `${side} receives audio`,
      timeout: 45_000,
    })
    .toBeGreaterThan(0);
  await expect
    .poll(
      async () => {
        const now = await inboundAudio(page, side);
        return !!now && !!first && now.bytes > first.bytes && now.energy > first.energy;
      },
      { message: `${side} audio keeps growing`, timeout: 45_000 },
    )
    .toBe(true);
}

export async function engineEvents(page: Page): Promise<Array<Record<string, unknown>>> {
  return (await page.request.get("/test/events")).json() as Promise<Array<Record<string, unknown>>>;
}

export async function digitsFor(page: Page, callSid: string): Promise<string> {
  const events = await engineEvents(page);
  return events
    .filter((e) => e.type === "digits" && e.callSid === callSid)
    .map((e) => e.digits)
    .join("");
}
