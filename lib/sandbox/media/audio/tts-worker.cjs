/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Speech synthesis thread for `<Say>`. meSpeak (eSpeak compiled to JavaScript) is synchronous
 * and takes hundreds of milliseconds per sentence: run on the main thread it would stall every
 * call's 20 ms audio. Plain CommonJS so the worker needs no TypeScript loader.
 */
const { parentPort } = require("node:worker_threads");
const meSpeak = require("mespeak");

meSpeak.loadConfig(require("mespeak/src/mespeak_config.json"));
const loaded = new Set();

function ensureVoice(voice) {
  if (loaded.has(voice)) return;
  meSpeak.loadVoice(require(`mespeak/voices/${voice}.json`));
  loaded.add(voice);
}

parentPort.on("message", (request) => {
  try {
    ensureVoice(request.voice);
    const options = { rawdata: "buffer", voice: request.voice, speed: 165, amplitude: 120 };
    if (request.variant) options.variant = request.variant;
    const wav = meSpeak.speak(request.text, options);
    if (!wav) throw new Error("speech synthesis produced no audio");
    const bytes = new Uint8Array(wav);
    parentPort.postMessage({ id: request.id, wav: bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: String((error && error.message) || error) });
  }
});
