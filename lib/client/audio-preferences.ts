/**
 * The agent's microphone and speaker choices, remembered per browser (localStorage). Device ids
 * are per origin and survive reloads in Chromium and Firefox; the label is kept so a note can
 * name a device that is gone.
 */
export type AudioRole = "input" | "speaker" | "ringtone";

export interface ChosenDevice {
  deviceId: string;
  label: string;
}

export type AudioPreferences = Partial<Record<AudioRole, ChosenDevice>>;

const KEY = "switchboard.audio-devices";
const ROLES: AudioRole[] = ["input", "speaker", "ringtone"];

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    // Storage can be blocked (privacy settings); choices then last for the page only.
    return null;
  }
}

export function loadAudioPreferences(): AudioPreferences {
  const raw = storage()?.getItem(KEY);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const prefs: AudioPreferences = {};
    for (const role of ROLES) {
      const entry = parsed[role] as Partial<ChosenDevice> | undefined;
      if (entry && typeof entry.deviceId === "string" && entry.deviceId) prefs[role] = { deviceId: entry.deviceId, label: typeof entry.label === "string" ? entry.label : "" };
    }
    return prefs;
  } catch {
    return {};
  }
}

/** Remembers one choice; `null` (or the "default" device) forgets it, following the system default. */
export function saveAudioPreference(role: AudioRole, device: ChosenDevice | null): AudioPreferences {
  const prefs = loadAudioPreferences();
  if (device && device.deviceId !== "default") prefs[role] = device;
  else delete prefs[role];
  try {
    storage()?.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Quota or blocked storage: the choice still applies to this page.
  }
  return prefs;
}
