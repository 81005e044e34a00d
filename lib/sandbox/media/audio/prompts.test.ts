import { afterAll, describe, expect, it } from "vitest";
import { Mp3Encoder } from "@breezystack/lamejs";
import type { DebuggerEntry } from "../../core/types";
import { PromptRenderer, SANDBOX_HOLD_MUSIC } from "./prompts";
import { encodeWav } from "./wav";
import { renderTones } from "./tones";
import { rms } from "./pcm";

const reports: DebuggerEntry[] = [];
const files = new Map<string, { body: Uint8Array; type: string }>();
const fakeFetch = (async (input: string | URL | Request) => {
  const file = files.get(String(input));
  if (!file) return new Response("not found", { status: 404 });
  return new Response(new Uint8Array(file.body), { headers: { "content-type": file.type } });
}) as typeof fetch;
const renderer = new PromptRenderer({
  debugger: { report: (e) => reports.push(e) },
  fetch: fakeFetch,
});
afterAll(() => renderer.close());

const tone16k = renderTones([{ freqs: [500], ms: 1000 }], 0.5, 16000);

describe("PromptRenderer", () => {
  it("speaks <Say> text offline as 8 kHz speech", async () => {
    const audio = await renderer.render({
      kind: "say",
      text: "Thank you for calling Switchboard.",
      language: "en-US",
      voice: "Polly.Joanna",
    });
    expect(audio).not.toBeNull();
    expect(audio!.loop).toBe(1);
    // A sentence lasts about two seconds and is not silence.
    expect(audio!.pcm.length).toBeGreaterThan(8000);
    expect(rms(audio!.pcm)).toBeGreaterThan(500);
  }, 30_000);

  it("maps loop=0 on <Say> to Twilio's maximum and reports languages without a voice", async () => {
    const audio = await renderer.render({ kind: "say", text: "hello", language: "ja-JP", loop: 0 });
    expect(audio!.loop).toBe(1000);
    expect(reports.some((r) => r.level === "unsupported" && /ja-JP/.test(r.message))).toBe(true);
  }, 30_000);

  it("fetches and resamples a WAV <Play> file", async () => {
    files.set("https://app.example/hold.wav", {
      body: encodeWav(tone16k, 16000),
      type: "audio/wav",
    });
    const audio = await renderer.render({
      kind: "play",
      url: "https://app.example/hold.wav",
      loop: 0,
    });
    expect(audio!.loop).toBe(0);
    expect(audio!.pcm.length).toBe(8000);
    expect(rms(audio!.pcm.subarray(100, 7900))).toBeGreaterThan(5000);
  });

  it("decodes an MP3 <Play> file", async () => {
    const encoder = new Mp3Encoder(1, 16000, 32);
    const mp3 = Buffer.concat([
      Buffer.from(encoder.encodeBuffer(tone16k)),
      Buffer.from(encoder.flush()),
    ]);
    files.set("https://app.example/music.mp3", { body: mp3, type: "audio/mpeg" });
    const audio = await renderer.render({ kind: "play", url: "https://app.example/music.mp3" });
    expect(audio!.pcm.length).toBeGreaterThan(7000);
    expect(rms(audio!.pcm.subarray(2000, 6000))).toBeGreaterThan(5000);
  });

  it("skips a file that fails to fetch, with Twilio's 11200 in the debugger", async () => {
    const audio = await renderer.render(
      { kind: "play", url: "https://app.example/missing.wav" },
      "CA1",
    );
    expect(audio).toBeNull();
    expect(reports).toContainEqual(
      expect.objectContaining({ level: "error", code: 11200, resourceSid: "CA1" }),
    );
  });

  it("plays the music bed for an undecodable format and says so", async () => {
    files.set("https://app.example/song.ogg", {
      body: new TextEncoder().encode("OggS...."),
      type: "audio/ogg",
    });
    const audio = await renderer.render({ kind: "play", url: "https://app.example/song.ogg" });
    const bed = await renderer.render({ kind: "play", url: SANDBOX_HOLD_MUSIC });
    expect(audio!.pcm).toBe(bed!.pcm);
    expect(rms(bed!.pcm)).toBeGreaterThan(1000);
    expect(reports.some((r) => r.level === "unsupported" && /song\.ogg/.test(r.message))).toBe(
      true,
    );
  });

  it("renders digits, beeps and pauses", async () => {
    const digits = await renderer.render({ kind: "tone", text: "12w3" });
    expect(digits!.pcm.length).toBe(8000 * 1.1); // 3 × (100 ms tone + 100 ms gap) + 500 ms
    const pause = await renderer.render({ kind: "silence", durationMs: 1500 });
    expect(pause!.pcm.length).toBe(12000);
    expect(rms(pause!.pcm)).toBe(0);
    expect((await renderer.render({ kind: "tone" }))!.pcm.length).toBe(1440);
  });
});
