"use client";

import { useDeviceContext } from "@/components/providers/device-provider/device-context";
import type { AudioDevicesState } from "@/components/providers/device-provider/use-audio-devices-state";

/** The softphone's microphones and speakers, which are in effect, and how to choose. */
export function useAudioDevices(): AudioDevicesState {
  return useDeviceContext().audio;
}
