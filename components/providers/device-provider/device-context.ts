"use client";

import { createContext, useContext } from "react";
import type { AudioDevicesState } from "./use-audio-devices-state";
import type { DeviceStatus, SoftphoneCall, TrackedCall } from "./types";

export interface DeviceContextValue {
  status: DeviceStatus;
  /** A readable message for the last Device error, if any. */
  error: string | null;
  identity: string | null;
  calls: TrackedCall[];
  /** Places an outbound call through the TwiML App (`params.To`). */
  connect(params: Record<string, string>): Promise<SoftphoneCall>;
  /** Microphone / speaker lists and choice (the Device's AudioHelper). */
  audio: AudioDevicesState;
}

export const DeviceContext = createContext<DeviceContextValue | null>(null);

export function useDeviceContext(): DeviceContextValue {
  const value = useContext(DeviceContext);
  if (!value) throw new Error("useDeviceContext must be used inside <DeviceProvider>.");
  return value;
}
