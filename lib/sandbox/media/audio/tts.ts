/**
 * `<Say>` as real speech, offline: eSpeak (the `mespeak` package, pure JavaScript, GPL-3.0) in a
 * worker thread, resampled to 8 kHz. Twilio's neural/Polly voices are approximated by a male or
 * female eSpeak variant; languages map to the nearest eSpeak voice (English otherwise, reported
 * by the caller as unsupported).
 */
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import { decodeWav } from "./wav";
import { resampleTo8k } from "./resample";

const LANGUAGE_VOICES: Record<string, string> = {
  "en-us": "en/en-us",
  "en-gb": "en/en-rp",
  "en-au": "en/en",
  "en-ca": "en/en-us",
  "en-in": "en/en",
  en: "en/en-us",
  es: "es",
  "es-es": "es",
  "es-mx": "es-la",
  "es-us": "es-la",
  fr: "fr",
  de: "de",
  it: "it",
  nl: "nl",
  pl: "pl",
  pt: "pt",
  "pt-br": "pt",
  "pt-pt": "pt-pt",
  sv: "sv",
  fi: "fi",
  ca: "ca",
  cs: "cs",
  el: "el",
  hu: "hu",
  ro: "ro",
  sk: "sk",
  tr: "tr",
  zh: "zh",
  "zh-cn": "zh",
  "cmn-cn": "zh",
  "zh-hk": "zh-yue",
  "yue-hk": "zh-yue",
};

const MALE_VOICES =
  /^(man|polly\.(matthew|joey|justin|kevin|stephen|brian|arthur|russell|gregory|miguel|enrique|mathieu|remi|hans|daniel|giorgio|adriano|ricardo|thiago|cristiano|takumi|liam|pedro|andres|sergio))/i;

export interface VoiceChoice {
  voice: string;
  variant: string;
  /** False when the language had no eSpeak voice and English was used. */
  languageSupported: boolean;
}

export function chooseVoice(language = "en-US", voice = "woman"): VoiceChoice {
  const lang = language.toLowerCase();
  const mapped = LANGUAGE_VOICES[lang] ?? LANGUAGE_VOICES[lang.split("-")[0]!];
  return {
    voice: mapped ?? "en/en-us",
    variant: MALE_VOICES.test(voice) ? "m3" : "f2",
    languageSupported: mapped !== undefined,
  };
}

interface Pending {
  resolve: (wav: Uint8Array) => void;
  reject: (error: Error) => void;
}

export class SpeechSynthesizer {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, Int16Array>();

  /** Speech as 8 kHz PCM (cached: IVR prompts repeat). */
  async speak(text: string, choice: VoiceChoice): Promise<Int16Array> {
    const key = `${choice.voice}|${choice.variant}|${text}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const wav = await this.request(text, choice);
    const decoded = decodeWav(wav);
    const pcm = resampleTo8k(decoded.samples, decoded.sampleRate);
    if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, pcm);
    return pcm;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error("speech synthesizer closed"));
    this.pending.clear();
    if (worker) await worker.terminate();
  }

  private request(text: string, choice: VoiceChoice): Promise<Uint8Array> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, text, voice: choice.voice, variant: choice.variant });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(fileURLToPath(new URL("./tts-worker.cjs", import.meta.url)));
    worker.unref();
    worker.on("message", (message: { id: number; wav?: Uint8Array; error?: string }) => {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.wav) pending.resolve(message.wav);
      else pending.reject(new Error(message.error ?? "speech synthesis failed"));
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", () => {
      if (this.worker === worker) this.worker = null;
      this.failAll(new Error("speech synthesizer stopped"));
    });
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
