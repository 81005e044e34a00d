import type { TokenAnswer } from "@/lib/client/fetch-token";
import type { SoftphoneDevice } from "./types";

/**
 * The real Voice SDK Device, loaded on demand (the SDK touches `window`, so never during server
 * rendering), with the same options in both modes (device-options.ts).
 */
export async function createDevice(answer: TokenAnswer): Promise<SoftphoneDevice> {
  const [{ Device }, { voiceDeviceOptions }] = await Promise.all([import("@twilio/voice-sdk"), import("@/lib/sandbox/media/browser/device-options")]);
  const device = new Device(answer.token, {
    ...voiceDeviceOptions(answer),
    // Ask before closing the tab during a call; ring a second call while one is live (capacity is TaskRouter's job).
    closeProtection: true,
    allowIncomingWhileBusy: true,
  });
  // The console rings with its own tone while a reservation is offered (incoming-alert.tsx).
  device.audio?.incoming(false);
  return device as unknown as SoftphoneDevice;
}
