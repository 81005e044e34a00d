import { describe, expect, it } from "vitest";
import { Mixer, type PromptAudio } from "./mixer";
import { FRAME_SAMPLES } from "./mulaw";

/** Each leg "says" a constant level, so any output frame tells which legs were mixed into it. */
const LEVEL: Record<string, number> = { A: 1000, B: 100, C: 10, D: 1 };

function speakAll(mixer: Mixer, legs: string[]) {
  for (const leg of legs) mixer.pushInput(leg, new Int16Array(FRAME_SAMPLES).fill(LEVEL[leg]!));
}

function primed(legs: string[]): Mixer {
  const mixer = new Mixer();
  for (const leg of legs) mixer.setHears(leg, []);
  // The receive buffer waits for two frames of pre-buffer before it plays out.
  speakAll(mixer, legs);
  return mixer;
}

function heard(mixer: Mixer, legs: string[]): Record<string, number> {
  speakAll(mixer, legs);
  const out = mixer.tick();
  return Object.fromEntries(legs.map((leg) => [leg, out.get(leg)![0]!]));
}

const prompt = (value: number, frames: number, loop = 1): Promise<PromptAudio> =>
  Promise.resolve({ pcm: new Int16Array(FRAME_SAMPLES * frames).fill(value), loop });

describe("Mixer routing", () => {
  it("bridges two parties both ways and nobody hears themselves", () => {
    const mixer = primed(["A", "B"]);
    mixer.setHears("A", ["B", "A"]);
    mixer.setHears("B", ["A"]);
    expect(heard(mixer, ["A", "B"])).toEqual({ A: 100, B: 1000 });
  });

  it("mixes a conference: each hears the sum of the others", () => {
    const mixer = primed(["A", "B", "C"]);
    mixer.setHears("A", ["B", "C"]);
    mixer.setHears("B", ["A", "C"]);
    mixer.setHears("C", ["A", "B"]);
    expect(heard(mixer, ["A", "B", "C"])).toEqual({ A: 110, B: 1010, C: 1100 });
  });

  it("a leg with no route hears silence, and a removed leg drops out of every mix", () => {
    const mixer = primed(["A", "B", "C"]);
    mixer.setHears("A", ["B", "C"]);
    expect(heard(mixer, ["A", "B", "C"]).B).toBe(0);
    mixer.removeLeg("C");
    expect(mixer.hears("A")).toEqual(["B"]);
    expect(heard(mixer, ["A", "B"]).A).toBe(100);
  });

  it("is silent for a leg whose sender stopped (buffer underrun) instead of repeating audio", () => {
    const mixer = primed(["A", "B"]);
    mixer.setHears("B", ["A"]);
    mixer.tick();
    mixer.tick();
    expect(mixer.tick().get("B")![0]).toBe(0);
  });
});

describe("Mixer prompts", () => {
  it("plays a prompt to one leg only, then resolves", async () => {
    const mixer = primed(["A", "B"]);
    mixer.setHears("B", ["A"]);
    const done = mixer.play("A", prompt(7, 2));
    await Promise.resolve();
    let finished = false;
    void done.then(() => (finished = true));
    expect(heard(mixer, ["A", "B"])).toEqual({ A: 7, B: 1000 });
    expect(heard(mixer, ["A", "B"])).toEqual({ A: 7, B: 1000 });
    await done;
    expect(finished).toBe(true);
    expect(heard(mixer, ["A", "B"]).A).toBe(0);
  });

  it("queues prompts in order even when a later one is ready first", async () => {
    const mixer = primed(["A"]);
    let release: (audio: PromptAudio) => void = () => undefined;
    const slow = new Promise<PromptAudio>((resolve) => (release = resolve));
    void mixer.play("A", slow);
    void mixer.play("A", prompt(5, 1));
    await Promise.resolve();
    expect(mixer.tick().get("A")![0]).toBe(0); // first still preparing: wait, do not skip
    release({ pcm: new Int16Array(FRAME_SAMPLES).fill(3), loop: 1 });
    await Promise.resolve();
    expect(mixer.tick().get("A")![0]).toBe(3);
    expect(mixer.tick().get("A")![0]).toBe(5);
  });

  it("loops a prompt the requested number of times; stopPlayback ends an endless one", async () => {
    const mixer = primed(["A"]);
    const twice = mixer.play("A", prompt(4, 1, 2));
    await Promise.resolve();
    expect([
      mixer.tick().get("A")![0],
      mixer.tick().get("A")![0],
      mixer.tick().get("A")![0],
    ]).toEqual([4, 4, 0]);
    await twice;
    const forever = mixer.play("A", prompt(6, 1, 0));
    await Promise.resolve();
    for (let i = 0; i < 5; i++) expect(mixer.tick().get("A")![0]).toBe(6);
    mixer.stopPlayback("A");
    await forever;
    expect(mixer.tick().get("A")![0]).toBe(0);
  });

  it("holds prompts while the leg's media is not connected yet", async () => {
    const mixer = primed(["A"]);
    mixer.setReady("A", false);
    void mixer.play("A", prompt(9, 1));
    await Promise.resolve();
    expect(mixer.tick().get("A")![0]).toBe(0);
    mixer.setReady("A", true);
    expect(mixer.tick().get("A")![0]).toBe(9);
  });

  it("plays hold music in the background, pauses it under a played prompt, and stops it", async () => {
    const mixer = primed(["A"]);
    mixer.setBackground("A", "hold", prompt(2, 1, 0));
    await Promise.resolve();
    expect(mixer.tick().get("A")![0]).toBe(2);
    void mixer.play("A", prompt(8, 1));
    await Promise.resolve();
    expect(mixer.tick().get("A")![0]).toBe(8);
    expect(mixer.tick().get("A")![0]).toBe(2);
    mixer.setBackground("A", "hold"); // same key: keeps playing, no restart
    expect(mixer.backgroundKey("A")).toBe("hold");
    mixer.setBackground("A", null);
    expect(mixer.tick().get("A")![0]).toBe(0);
  });

  it("ends pending prompts when the leg is removed", async () => {
    const mixer = primed(["A"]);
    const pending = mixer.play("A", prompt(1, 100));
    mixer.removeLeg("A");
    await expect(pending).resolves.toBeUndefined();
  });
});

describe("Mixer recordings", () => {
  it("records the mix of the given legs, including prompts played to them but not hold music", async () => {
    const mixer = primed(["A", "B", "C"]);
    mixer.startRecording("RE1", ["A", "B"]);
    speakAll(mixer, ["A", "B", "C"]);
    mixer.tick(); // 1100
    void mixer.play("A", prompt(7, 1));
    mixer.setBackground("B", "hold", prompt(3, 1, 0));
    await Promise.resolve();
    speakAll(mixer, ["A", "B", "C"]);
    mixer.tick(); // 1100 + 7 (played to A); B's hold music is not recorded
    mixer.startRecording("RE1", ["A"]); // membership change keeps the same recording
    speakAll(mixer, ["A", "B", "C"]);
    mixer.tick(); // 1000
    const pcm = mixer.stopRecording("RE1")!;
    expect(pcm.length).toBe(FRAME_SAMPLES * 3);
    expect([pcm[0], pcm[FRAME_SAMPLES], pcm[FRAME_SAMPLES * 2]]).toEqual([1100, 1107, 1000]);
    expect(mixer.stopRecording("RE1")).toBeNull();
  });

  it("returns no recording when no recorded leg ever carried audio (scripted parties only)", () => {
    const mixer = new Mixer();
    mixer.setHears("CAscripted", []);
    mixer.startRecording("RE2", ["CAscripted"]);
    for (let i = 0; i < 10; i++) mixer.tick();
    expect(mixer.stopRecording("RE2")).toBeNull();
  });

  it("clips the sum instead of wrapping around", () => {
    const mixer = primed(["A"]);
    mixer.setHears("Y", []);
    mixer.setHears("Z", []);
    mixer.setHears("X", ["Y", "Z"]);
    for (let i = 0; i < 2; i++) {
      mixer.pushInput("Y", new Int16Array(FRAME_SAMPLES).fill(30000));
      mixer.pushInput("Z", new Int16Array(FRAME_SAMPLES).fill(30000));
    }
    expect(mixer.tick().get("X")![0]).toBe(32767);
  });
});
