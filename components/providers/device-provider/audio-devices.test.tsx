// @vitest-environment happy-dom
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadAudioPreferences } from "@/lib/client/audio-preferences";
import { useAudioDevices } from "@/lib/hooks/use-audio-devices";
import { answer, FakeAudioHelper, FakeDevice, listenerTotal, mediaDevice } from "../testing/fake-sdk";
import { DeviceProvider } from "./device-provider";
import type { SoftphoneDevice } from "./types";

function setup(makeAudio: () => FakeAudioHelper = () => new FakeAudioHelper()) {
  const devices: FakeDevice[] = [];
  const fetchToken = vi.fn(async () => answer());
  const createDevice = vi.fn(async (a: { token: string }) => {
    const device = new FakeDevice(a.token);
    device.audio = makeAudio();
    devices.push(device);
    return device as unknown as SoftphoneDevice;
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <DeviceProvider fetchToken={fetchToken} createDevice={createDevice}>
      {children}
    </DeviceProvider>
  );
  return { devices, wrapper };
}

const remember = (prefs: object) => localStorage.setItem("switchboard.audio-devices", JSON.stringify(prefs));

describe("audio devices (DeviceProvider + useAudioDevices)", () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => localStorage.clear());

  it("lists the SDK's microphones and speakers and follows the defaults when nothing is remembered", async () => {
    const { devices, wrapper } = setup();
    const { result } = renderHook(useAudioDevices, { wrapper });
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.inputs.map((d) => d.label)).toEqual(["Default - Built-in Microphone", "USB Headset Microphone"]);
    expect(result.current.outputs.map((d) => d.deviceId)).toEqual(["default", "spk-usb"]);
    expect(result.current.input).toBe("default");
    expect(result.current.notices).toEqual([]);
    expect(devices[0]!.audio!.inputCalls).toEqual([]);
  });

  it("puts the remembered microphone, speaker and ringtone output into effect on a new Device", async () => {
    remember({ input: { deviceId: "mic-usb", label: "USB Headset Microphone" }, speaker: { deviceId: "spk-usb", label: "USB Headset" }, ringtone: { deviceId: "spk-usb", label: "USB Headset" } });
    const { devices, wrapper } = setup();
    const { result } = renderHook(useAudioDevices, { wrapper });
    await waitFor(() => expect(result.current.input).toBe("mic-usb"));
    expect(result.current.speaker).toBe("spk-usb");
    expect(result.current.ringtone).toBe("spk-usb");
    expect(devices[0]!.audio!.inputCalls).toEqual(["mic-usb"]);
  });

  it("remembers a choice so the next Device (a reload) uses it; choosing the default forgets it", async () => {
    const first = setup();
    const { result, unmount } = renderHook(useAudioDevices, { wrapper: first.wrapper });
    await waitFor(() => expect(result.current.ready).toBe(true));
    await act(() => result.current.choose("input", "mic-usb"));
    await act(() => result.current.choose("speaker", "spk-usb"));
    expect(result.current.input).toBe("mic-usb");
    expect(result.current.speaker).toBe("spk-usb");
    expect(loadAudioPreferences()).toEqual({ input: { deviceId: "mic-usb", label: "USB Headset Microphone" }, speaker: { deviceId: "spk-usb", label: "USB Headset" } });
    unmount();

    const second = setup();
    const again = renderHook(useAudioDevices, { wrapper: second.wrapper });
    await waitFor(() => expect(again.result.current.input).toBe("mic-usb"));
    expect(again.result.current.speaker).toBe("spk-usb");
    await act(() => again.result.current.choose("speaker", "default"));
    expect(loadAudioPreferences()).toEqual({ input: { deviceId: "mic-usb", label: "USB Headset Microphone" } });
  });

  it("says when a remembered device is unplugged and switches back when it returns", async () => {
    remember({ input: { deviceId: "mic-usb", label: "USB Headset Microphone" } });
    const { devices, wrapper } = setup();
    const { result } = renderHook(useAudioDevices, { wrapper });
    await waitFor(() => expect(result.current.input).toBe("mic-usb"));
    const helper = devices[0]!.audio!;
    const usb = helper.availableInputDevices.get("mic-usb")!;

    act(() => helper.unplug("mic-usb", "audioinput"));
    await waitFor(() => expect(result.current.notices).toEqual(["“USB Headset Microphone” is not connected; using the default microphone until it is back."]));
    expect(result.current.input).toBe("default");
    expect(result.current.inputs.map((d) => d.deviceId)).toEqual(["default"]);

    act(() => helper.plug(usb));
    await waitFor(() => expect(result.current.input).toBe("mic-usb"));
    expect(result.current.notices).toEqual([]);
  });

  it("does not call a remembered device missing before the browser has listed the devices", async () => {
    remember({ speaker: { deviceId: "spk-usb", label: "USB Headset" } });
    // Before the first enumerateDevices answers (and before microphone permission) the lists are empty or anonymous.
    const { devices, wrapper } = setup(() => new FakeAudioHelper([mediaDevice("audioinput", "", ""), mediaDevice("audiooutput", "", "")]));
    const { result } = renderHook(useAudioDevices, { wrapper });
    await waitFor(() => expect(result.current.ready).toBe(true));
    await new Promise((r) => setTimeout(r, 10));
    expect(result.current.notices).toEqual([]);
    expect(result.current.listed).toBe(false);
    const helper = devices[0]!.audio!;
    act(() => {
      helper.availableInputDevices.clear();
      helper.availableOutputDevices.clear();
      helper.plug(mediaDevice("audioinput", "default", "Default"));
      helper.plug(mediaDevice("audiooutput", "default", "Default"));
      helper.plug(mediaDevice("audiooutput", "spk-usb", "USB Headset"));
    });
    await waitFor(() => expect(result.current.speaker).toBe("spk-usb"));
    expect(result.current.listed).toBe(true);
  });

  it("shows a readable error when the SDK refuses a choice, and keeps the old one", async () => {
    const { wrapper } = setup();
    const { result } = renderHook(useAudioDevices, { wrapper });
    await waitFor(() => expect(result.current.ready).toBe(true));
    await act(() => result.current.choose("speaker", "gone"));
    expect(result.current.error).toBe("Devices not found: gone");
    expect(loadAudioPreferences()).toEqual({});
  });

  it("takes its deviceChange listener off the AudioHelper on unmount", async () => {
    const { devices, wrapper } = setup();
    const { result, unmount } = renderHook(useAudioDevices, { wrapper });
    await waitFor(() => expect(result.current.ready).toBe(true));
    const helper = devices[0]!.audio!;
    expect(helper.listenerCount("deviceChange")).toBe(1);
    unmount();
    expect(listenerTotal(helper)).toBe(0);
    expect(devices[0]!.destroyed).toBe(true);
  });
});
