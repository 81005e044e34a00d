"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { loadAudioPreferences, saveAudioPreference, type AudioRole, type ChosenDevice } from "@/lib/client/audio-preferences";
import { twilioErrorMessage } from "@/lib/client/twilio-error-message";
import { activeOutput, applyAudioPreferences, devicesKnown } from "./apply-audio-preferences";
import type { SoftphoneAudio } from "./types";

export interface AudioDevice {
  deviceId: string;
  label: string;
}

export interface AudioDevicesState {
  /** False until the Device exists (and after it is taken down). */
  ready: boolean;
  /** False while the browser hides the devices (microphone not allowed yet): the lists are placeholders. */
  listed: boolean;
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  /** Device ids in effect; "default" follows the system's choice. */
  input: string;
  speaker: string;
  ringtone: string;
  /** Speaker and ringtone choice need `setSinkId` (not in Safari, nor Firefox before 116). */
  outputSelection: boolean;
  /** Remembered devices that are not connected, in words. */
  notices: string[];
  error: string | null;
  choose(role: AudioRole, deviceId: string): Promise<void>;
}

const ROLE_NAMES: Record<AudioRole, string> = { input: "microphone", speaker: "speaker", ringtone: "ringtone output" };

function list(devices: Map<string, MediaDeviceInfo> | undefined): AudioDevice[] {
  return [...(devices?.values() ?? [])].map((d) => ({ deviceId: d.deviceId, label: d.label || (d.deviceId === "default" ? "Default" : "Unnamed device") }));
}

function noticeFor(role: AudioRole, device: ChosenDevice): string {
  const name = device.label ? `“${device.label}”` : `Your chosen ${ROLE_NAMES[role]}`;
  return `${name} is not connected; using the default ${ROLE_NAMES[role]} until it is back.`;
}

/**
 * The microphone / speaker side of the Device (its AudioHelper): applies the remembered choices
 * when the Device is created and every time the browser's devices change (`deviceChange`: a
 * headset plugged in or out), and lets the agent choose, remembering the choice per browser.
 */
export function useAudioDevicesState(audio: SoftphoneAudio | null): AudioDevicesState {
  // The SDK mutates its lists in place: a counter re-derives them.
  const [version, setVersion] = useState(0);
  const [missing, setMissing] = useState<{ audio: SoftphoneAudio; devices: { role: AudioRole; device: ChosenDevice }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Choices and re-application one at a time (both call into the SDK's getUserMedia / setSinkId).
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const enqueue = useCallback(<T,>(step: () => Promise<T>) => {
    const next = queue.current.then(step);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  useEffect(() => {
    if (!audio) return;
    let disposed = false;
    const sync = () =>
      void enqueue(async () => {
        // Let the SDK finish its own reaction to the change first (it selects the default output when none is active).
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (disposed) return;
        const devices = await applyAudioPreferences(audio, loadAudioPreferences()).catch((e: unknown) => {
          if (!disposed) setError(twilioErrorMessage(e));
          return [];
        });
        if (disposed) return;
        setMissing({ audio, devices });
        setVersion((v) => v + 1);
      });
    audio.on("deviceChange", sync);
    sync();
    return () => {
      disposed = true;
      audio.removeListener("deviceChange", sync);
    };
  }, [audio, enqueue]);

  const choose = useCallback(
    (role: AudioRole, deviceId: string) =>
      enqueue(async () => {
        if (!audio) throw new Error("The softphone is not ready yet.");
        setError(null);
        try {
          // Without a "default" entry (Firefox) the system default is "no device set".
          if (role === "input" && deviceId === "default" && !audio.availableInputDevices.has("default")) await audio.unsetInputDevice();
          else if (role === "input") await audio.setInputDevice(deviceId);
          else await (role === "speaker" ? audio.speakerDevices : audio.ringtoneDevices).set([deviceId]);
          const device = (role === "input" ? audio.availableInputDevices : audio.availableOutputDevices).get(deviceId);
          saveAudioPreference(role, { deviceId, label: device?.label ?? "" });
          setMissing((current) => current && { ...current, devices: current.devices.filter((m) => m.role !== role) });
        } catch (e) {
          setError(twilioErrorMessage(e));
        } finally {
          setVersion((v) => v + 1);
        }
      }),
    [audio, enqueue],
  );

  return useMemo(() => {
    void version;
    return {
      ready: audio !== null,
      listed: !!audio && devicesKnown(audio.availableInputDevices),
      inputs: list(audio?.availableInputDevices),
      outputs: list(audio?.availableOutputDevices),
      input: audio?.inputDevice?.deviceId ?? "default",
      speaker: (audio && activeOutput(audio, "speaker")) ?? "default",
      ringtone: (audio && activeOutput(audio, "ringtone")) ?? "default",
      outputSelection: audio?.isOutputSelectionSupported ?? false,
      notices: missing && missing.audio === audio ? missing.devices.map((m) => noticeFor(m.role, m.device)) : [],
      error,
      choose,
    };
  }, [audio, version, missing, error, choose]);
}
