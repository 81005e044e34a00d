/**
 * The browser side of the media tests, bundled by the harness: the real Voice SDK Device, the
 * sandbox Device options and the customer phone, exactly as the app's pages will import them.
 */
import { Call, Device } from "@twilio/voice-sdk";
import { voiceDeviceOptions } from "../../lib/sandbox/media/browser/device-options";
import { CustomerPhone } from "../../lib/sandbox/media/browser/customer-phone";

// Test-only instrumentation: remember every peer connection the page creates, so a test can
// read WebRTC stats of the Device's call without reaching into SDK internals.
const peerConnections: RTCPeerConnection[] = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
    super(...args);
    peerConnections.push(this);
  }
} as typeof RTCPeerConnection;

Object.assign(window, {
  Sandbox: { Call, Device, voiceDeviceOptions, CustomerPhone, peerConnections },
});
