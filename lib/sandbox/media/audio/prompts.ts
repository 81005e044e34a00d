/**
 * Turns a voice engine `PromptSpec` into audio the mixer can play:
 *
 * - `say`: eSpeak speech (tts.ts); `loop` 0 means Twilio's maximum (1000).
 * - `play`: the URL is fetched (the engine resolves relative URLs first) and decoded: WAV of any
 *   common encoding, MP3 (mpg123 compiled to WebAssembly). `sandbox:hold-music` (Twilio's
 *   default hold music, which lives on Twilio's servers) and files in formats the sandbox cannot
 *   decode play the generated music bed instead, reported as `unsupported`. A URL that fails to
 *   fetch is skipped, as Twilio does, with error 11200 in the debugger. `loop` 0 = until stopped.
 * - `tone`: `text` holds DTMF digits (`<Play digits>`, `w` = half-second pause); without text a
 *   conference beep, or a steady 440 Hz tone for `durationMs`.
 * - `silence`: `durationMs` of silence (`<Pause>`).
 */
import type { DebuggerFeed, PromptSpec } from "../../core/types";
import { decodeWav, isWav, type DecodedAudio } from "./wav";
import { resampleTo8k } from "./resample";
import { beep, dtmfSequence, musicBed, renderTones } from "./tones";
import { SAMPLE_RATE } from "./mulaw";
import { chooseVoice, SpeechSynthesizer } from "./tts";
import type { PromptAudio } from "./mixer";

/** Twilio plays `<Say loop="0">` up to 1000 times. */
const SAY_LOOP_FOREVER = 1000;
const FETCH_TIMEOUT_MS = 15_000;
const MAX_MEDIA_BYTES = 40 * 1024 * 1024;
export const SANDBOX_HOLD_MUSIC = "sandbox:hold-music";

export interface PromptRendererOptions {
  debugger: DebuggerFeed;
  /** Defaults to the global fetch (tests pass their own). */
  fetch?: typeof fetch;
}

export class PromptRenderer {
  private readonly speech = new SpeechSynthesizer();
  private readonly media = new Map<string, Promise<Int16Array | null>>();
  private bed: Int16Array | null = null;

  constructor(private readonly options: PromptRendererOptions) {}

  /** Audio for the prompt, or null when there is nothing to play (failed fetch, empty text). */
  async render(spec: PromptSpec, callSid?: string): Promise<PromptAudio | null> {
    switch (spec.kind) {
      case "say": {
        const text = (spec.text ?? "").trim();
        if (!text) return null;
        const choice = chooseVoice(spec.language, spec.voice);
        if (!choice.languageSupported) {
          this.unsupported(
            `<Say language="${spec.language}">: no offline voice for this language; spoken with the English voice`,
            callSid,
          );
        }
        const loop = spec.loop === 0 ? SAY_LOOP_FOREVER : (spec.loop ?? 1);
        try {
          return { pcm: await this.speech.speak(text, choice), loop };
        } catch (error) {
          // Without the optional speech engine (mespeak, GPL-3.0) the prompt keeps its length as
          // silence; the console phone still shows the words as captions.
          this.unsupported(`<Say>: no offline speech (${(error as Error).message}); captions only`, callSid);
          const words = text.split(/\s+/).length;
          return { pcm: new Int16Array(Math.round(words * 0.4 * SAMPLE_RATE)), loop };
        }
      }
      case "play": {
        const pcm = await this.playable(spec.url ?? "", callSid);
        return pcm ? { pcm, loop: spec.loop ?? 1 } : null;
      }
      case "tone": {
        const pcm = spec.text
          ? dtmfSequence(spec.text)
          : spec.durationMs
            ? renderTones([{ freqs: [440], ms: spec.durationMs }], 0.2)
            : beep();
        return { pcm, loop: spec.loop ?? 1 };
      }
      case "silence": {
        const samples = Math.round(((spec.durationMs ?? 1000) / 1000) * SAMPLE_RATE);
        return { pcm: new Int16Array(samples), loop: 1 };
      }
      default:
        return null;
    }
  }

  async close(): Promise<void> {
    await this.speech.close();
  }

  private playable(url: string, callSid?: string): Promise<Int16Array | null> {
    if (url === SANDBOX_HOLD_MUSIC) return Promise.resolve(this.musicBed());
    let pending = this.media.get(url);
    if (!pending) {
      pending = this.fetchAndDecode(url, callSid);
      this.media.set(url, pending);
      // Failures are not cached: the app may fix the file.
      void pending.then((pcm) => {
        if (!pcm) this.media.delete(url);
      });
      if (this.media.size > 50) this.media.delete(this.media.keys().next().value!);
    }
    return pending;
  }

  private async fetchAndDecode(url: string, callSid?: string): Promise<Int16Array | null> {
    let bytes: Uint8Array;
    let contentType = "";
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
        throw new Error(`unsupported URL scheme ${parsed.protocol}`);
      const response = await (this.options.fetch ?? fetch)(url, {
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      contentType = response.headers.get("content-type") ?? "";
      bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > MAX_MEDIA_BYTES)
        throw new Error(`file larger than ${MAX_MEDIA_BYTES} bytes`);
    } catch (error) {
      this.options.debugger.report({
        level: "error",
        code: 11200,
        message: `HTTP retrieval failure for <Play> ${url}: ${(error as Error).message}`,
        resourceSid: callSid,
        url,
      });
      return null;
    }
    try {
      const decoded = await decodeMedia(bytes, contentType);
      if (decoded) return resampleTo8k(decoded.samples, decoded.sampleRate, 0.8);
      this.unsupported(
        `<Play> ${url}: audio format ${contentType || "unknown"} cannot be decoded offline; playing the sandbox music bed instead`,
        callSid,
        url,
      );
    } catch (error) {
      this.unsupported(
        `<Play> ${url}: ${(error as Error).message}; playing the sandbox music bed instead`,
        callSid,
        url,
      );
    }
    return this.musicBed();
  }

  private musicBed(): Int16Array {
    this.bed ??= musicBed();
    return this.bed;
  }

  private unsupported(message: string, callSid?: string, url?: string): void {
    this.options.debugger.report({
      level: "unsupported",
      code: 0,
      message,
      resourceSid: callSid,
      url,
    });
  }
}

/** WAV and MP3 by content sniffing (servers often label audio as application/octet-stream). */
export async function decodeMedia(
  bytes: Uint8Array,
  contentType = "",
): Promise<DecodedAudio | null> {
  if (isWav(bytes)) return decodeWav(bytes);
  if (isMp3(bytes) || /audio\/(mpeg|mp3)/i.test(contentType)) return decodeMp3(bytes);
  return null;
}

function isMp3(bytes: Uint8Array): boolean {
  if (bytes.length < 3) return false;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) return true; // "ID3"
  return bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0; // frame sync
}

async function decodeMp3(bytes: Uint8Array): Promise<DecodedAudio | null> {
  const { MPEGDecoder } = await import("mpg123-decoder");
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const result = decoder.decode(bytes);
    if (result.samplesDecoded === 0) return null;
    const channels = result.channelData;
    const samples = new Float32Array(result.samplesDecoded);
    for (let i = 0; i < samples.length; i++) {
      let sum = 0;
      for (const channel of channels) sum += channel[i] ?? 0;
      samples[i] = sum / channels.length;
    }
    return { sampleRate: result.sampleRate, samples };
  } finally {
    decoder.free();
  }
}
