import type { AudioPreferences, AudioRole, ChosenDevice } from "@/lib/client/audio-preferences";
import type { SoftphoneAudio } from "./types";

/**
 * Whether the SDK's lists describe the real devices yet: empty until its first `enumerateDevices`
 * answers, and one anonymous entry per kind (empty deviceId) until the microphone is allowed.
 * Until then a remembered device cannot be found, which does not mean it is unplugged.
 */
export function devicesKnown(devices: Map<string, MediaDeviceInfo>): boolean {
  const list = [...devices.values()];
  return list.length > 0 && list.some((d) => d.deviceId !== "");
}

function activeOutput(audio: SoftphoneAudio, role: "speaker" | "ringtone"): string | null {
  const collection = role === "speaker" ? audio.speakerDevices : audio.ringtoneDevices;
  return [...collection.get()][0]?.deviceId ?? null;
}

/**
 * Puts the remembered microphone, speaker and ringtone output into effect on the SDK's
 * AudioHelper, skipping what is already in effect (it runs on every `deviceChange`). A remembered
 * device that is not connected is left alone: the SDK itself falls back to the default when an
 * active device is lost, and switching back happens here once it reappears.
 * Returns the remembered devices that are missing, for a note.
 */
export async function applyAudioPreferences(audio: SoftphoneAudio, prefs: AudioPreferences): Promise<{ role: AudioRole; device: ChosenDevice }[]> {
  const missing: { role: AudioRole; device: ChosenDevice }[] = [];
  const input = prefs.input;
  if (input && devicesKnown(audio.availableInputDevices)) {
    if (!audio.availableInputDevices.has(input.deviceId)) missing.push({ role: "input", device: input });
    else if (audio.inputDevice?.deviceId !== input.deviceId) await audio.setInputDevice(input.deviceId);
  }
  if (audio.isOutputSelectionSupported && devicesKnown(audio.availableOutputDevices)) {
    for (const role of ["speaker", "ringtone"] as const) {
      const pref = prefs[role];
      if (!pref) continue;
      if (!audio.availableOutputDevices.has(pref.deviceId)) missing.push({ role, device: pref });
      else if (activeOutput(audio, role) !== pref.deviceId) await (role === "speaker" ? audio.speakerDevices : audio.ringtoneDevices).set([pref.deviceId]);
    }
  }
  return missing;
}

export { activeOutput };
