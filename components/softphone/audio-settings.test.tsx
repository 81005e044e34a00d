// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeviceProvider } from "@/components/providers/device-provider/device-provider";
import type { SoftphoneDevice } from "@/components/providers/device-provider/types";
import { answer, FakeDevice } from "@/components/providers/testing/fake-sdk";
import { loadAudioPreferences } from "@/lib/client/audio-preferences";
import { AudioSettings } from "./audio-settings";

/** A microphone whose samples the test sets, behind fake getUserMedia / AudioContext. */
function fakeMicrophone() {
  const state = { amplitude: 0, stopped: 0, closed: 0, constraints: [] as MediaStreamConstraints[] };
  const track = { stop: () => void state.stopped++ };
  vi.stubGlobal("AudioContext", class {
    createAnalyser() {
      return { fftSize: 2048, getFloatTimeDomainData: (buffer: Float32Array) => buffer.fill(state.amplitude) };
    }
    createMediaStreamSource() {
      return { connect() {} };
    }
    async close() {
      state.closed++;
    }
  });
  Object.defineProperty(navigator, "mediaDevices", {
    configurable: true,
    value: {
      getUserMedia: async (constraints: MediaStreamConstraints) => {
        state.constraints.push(constraints);
        return { getTracks: () => [track] };
      },
    },
  });
  return state;
}

function renderSettings(configure: (device: FakeDevice) => void = () => {}) {
  const devices: FakeDevice[] = [];
  render(
    <DeviceProvider
      fetchToken={async () => answer()}
      createDevice={async (a) => {
        const device = new FakeDevice(a.token);
        configure(device);
        devices.push(device);
        return device as unknown as SoftphoneDevice;
      }}
    >
      <AudioSettings />
    </DeviceProvider>,
  );
  return devices;
}

describe("AudioSettings", () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("opens from its button, lists the devices, applies and remembers a choice, and closes with Escape", async () => {
    const devices = renderSettings();
    await waitFor(() => expect(devices).toHaveLength(1));
    const button = screen.getByRole("button", { name: "Audio settings" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(button);
    const panel = await screen.findByRole("region", { name: "Audio settings" });
    const microphone = await screen.findByLabelText("Microphone");
    await waitFor(() => expect([...(microphone as HTMLSelectElement).options].map((o) => o.text)).toEqual(["Default - Built-in Microphone", "USB Headset Microphone"]));
    expect(document.activeElement).toBe(microphone);

    fireEvent.change(screen.getByLabelText("Speaker"), { target: { value: "spk-usb" } });
    await waitFor(() => expect((screen.getByLabelText("Speaker") as HTMLSelectElement).value).toBe("spk-usb"));
    expect(devices[0]!.audio!.speakerDevices.calls.at(-1)).toEqual(["spk-usb"]);
    expect(loadAudioPreferences().speaker).toEqual({ deviceId: "spk-usb", label: "USB Headset" });

    fireEvent.keyDown(panel, { key: "Escape" });
    expect(screen.queryByRole("region", { name: "Audio settings" })).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("hides speaker choice where the browser cannot route audio, and says so", async () => {
    renderSettings((device) => (device.audio!.isOutputSelectionSupported = false));
    fireEvent.click(screen.getByRole("button", { name: "Audio settings" }));
    await screen.findByLabelText("Microphone");
    expect(screen.queryByLabelText("Speaker")).toBeNull();
    expect(screen.getByText(/default speaker/)).toBeTruthy();
  });

  it("moves the level meter with the microphone and releases it when the test stops", async () => {
    const mic = fakeMicrophone();
    renderSettings();
    fireEvent.click(screen.getByRole("button", { name: "Audio settings" }));
    await screen.findByLabelText("Microphone");
    mic.amplitude = 0.1; // -20 dBFS
    fireEvent.click(screen.getByRole("button", { name: "Test microphone" }));
    const meter = screen.getByRole("meter", { name: "Microphone level" });
    await waitFor(() => expect(Number(meter.getAttribute("aria-valuenow"))).toBe(67));
    expect(screen.getByTestId("microphone-verdict").textContent).toBe("We hear you.");
    expect(mic.constraints).toEqual([{ audio: true }]);
    fireEvent.click(screen.getByRole("button", { name: "Stop test" }));
    expect(mic.stopped).toBe(1);
    expect(meter.getAttribute("aria-valuenow")).toBe("0");
  });

  it("says when the microphone gives no sound", async () => {
    fakeMicrophone();
    renderSettings();
    fireEvent.click(screen.getByRole("button", { name: "Audio settings" }));
    await screen.findByLabelText("Microphone");
    vi.useFakeTimers({ toFake: ["setInterval", "Date"] });
    fireEvent.click(screen.getByRole("button", { name: "Test microphone" }));
    await act(async () => {
      await Promise.resolve();
      await vi.advanceTimersByTimeAsync(4_200);
    });
    expect(screen.getByTestId("microphone-verdict").textContent).toMatch(/No sound from this microphone/);
  });
});
