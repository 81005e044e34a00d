import { afterEach, describe, expect, it } from "vitest";
import { RtcEndpoint, telephoneEventPayloadType, type RtcEndpointHandlers } from "./rtc-endpoint";
import { FRAME_SAMPLES } from "../audio/mulaw";

const open: RtcEndpoint[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

function collector() {
  const audio: Int16Array[] = [];
  const states: string[] = [];
  const handlers: RtcEndpointHandlers = {
    onAudio: (pcm) => audio.push(pcm),
    onDigit: () => undefined,
    onState: (s) => states.push(s),
  };
  return { audio, states, handlers };
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe("RtcEndpoint (werift, PCMU only, ICE-lite)", () => {
  it("offers PCMU and telephone-event only, as ICE-lite, with gathered candidates", async () => {
    const endpoint = await RtcEndpoint.offer(collector().handlers);
    open.push(endpoint);
    const sdp = endpoint.localSdp;
    expect(sdp).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 101\r?$/m);
    expect(sdp).toMatch(/a=rtpmap:0 PCMU\/8000/);
    expect(sdp).not.toMatch(/opus/i);
    expect(sdp).toMatch(/a=ice-lite/);
    expect(sdp).toMatch(/a=candidate:.* 127\.0\.0\.1 /);
    expect(telephoneEventPayloadType(sdp)).toBe(101);
  });

  it("carries audio both ways between an offering and an answering endpoint", async () => {
    // Two sandboxes talking to each other stand in for the browser here; the browser path is
    // covered by the Playwright media tests.
    const a = collector();
    const b = collector();
    const offerer = await RtcEndpoint.offer(a.handlers);
    open.push(offerer);
    // Two ICE-lite ends would never check connectivity: the answering side plays a full agent,
    // as browsers are.
    const answerer = await RtcEndpoint.answer(offerer.localSdp, b.handlers, { iceLite: false });
    open.push(answerer);
    await offerer.acceptAnswer(answerer.localSdp);
    await until(
      () => offerer.state === "connected" && answerer.state === "connected",
      "both connected",
    );
    const tone = new Int16Array(FRAME_SAMPLES).fill(4000);
    for (let i = 0; i < 25; i++) {
      offerer.sendFrame(tone);
      answerer.sendFrame(tone);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(() => a.audio.length > 10 && b.audio.length > 10, "audio both ways");
    expect(Math.abs(b.audio[5]![0]! - 4000)).toBeLessThan(200);
    expect(Math.abs(a.audio[5]![0]! - 4000)).toBeLessThan(200);
  }, 30_000);
});
