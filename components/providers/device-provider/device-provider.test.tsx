// @vitest-environment happy-dom
import { act, render, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { useActiveCalls } from "@/lib/hooks/use-active-calls";
import { useSoftphone } from "@/lib/hooks/use-softphone";
import { answer, FakeCall, FakeDevice, listenerTotal } from "../testing/fake-sdk";
import { DeviceProvider } from "./device-provider";
import type { SoftphoneDevice } from "./types";

function setup() {
  const devices: FakeDevice[] = [];
  let tokens = 0;
  const fetchToken = vi.fn(async () => answer(`token-${++tokens}`));
  const createDevice = vi.fn(async (a: { token: string }) => {
    const device = new FakeDevice(a.token);
    devices.push(device);
    return device as unknown as SoftphoneDevice;
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <DeviceProvider fetchToken={fetchToken} createDevice={createDevice}>
      {children}
    </DeviceProvider>
  );
  return { devices, fetchToken, wrapper };
}

function useBoth() {
  return { softphone: useSoftphone(), calls: useActiveCalls() };
}

describe("DeviceProvider", () => {
  it("registers one Device with a fetched token and reports it", async () => {
    const { devices, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    await waitFor(() => expect(result.current.softphone.status).toBe("registered"));
    expect(devices).toHaveLength(1);
    expect(devices[0]!.tokens).toEqual(["token-1"]);
    expect(result.current.softphone.identity).toBe("alice");
  });

  it("follows an incoming call from ringing to open to gone, with mute", async () => {
    const { devices, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    await waitFor(() => expect(result.current.softphone.status).toBe("registered"));
    const call = new FakeCall();
    act(() => void devices[0]!.emit("incoming", call));
    expect(result.current.calls.ringing).toHaveLength(1);
    expect(result.current.calls.ringing[0]!.from).toBe("+12025550111");
    act(() => call.accept());
    expect(result.current.calls.ringing).toHaveLength(0);
    expect(result.current.calls.live[0]!.state).toBe("open");
    expect(result.current.calls.live[0]!.connectedAt).not.toBeNull();
    act(() => call.mute(true));
    expect(result.current.calls.live[0]!.muted).toBe(true);
    act(() => call.disconnect());
    expect(result.current.calls.all).toHaveLength(0);
    expect(listenerTotal(call)).toBe(0);
  });

  it("refreshes the token when the SDK says it will expire, without a new Device", async () => {
    const { devices, wrapper, fetchToken } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    await waitFor(() => expect(result.current.softphone.status).toBe("registered"));
    act(() => void devices[0]!.emit("tokenWillExpire", devices[0]));
    await waitFor(() => expect(devices[0]!.tokens).toEqual(["token-1", "token-2"]));
    expect(fetchToken).toHaveBeenCalledTimes(2);
    expect(devices).toHaveLength(1);
  });

  it("turns SDK errors into readable messages", async () => {
    const { devices, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    await waitFor(() => expect(result.current.softphone.status).toBe("registered"));
    act(() => void devices[0]!.emit("error", { code: 31208, message: "PermissionDeniedError" }));
    expect(result.current.softphone.error).toMatch(/allow microphone access/i);
  });

  it("registers again with a fresh token when the network comes back", async () => {
    const { devices, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    await waitFor(() => expect(result.current.softphone.status).toBe("registered"));
    act(() => {
      devices[0]!.state = "unregistered";
      devices[0]!.emit("unregistered");
    });
    expect(result.current.softphone.status).toBe("unregistered");
    await act(async () => void window.dispatchEvent(new Event("online")));
    await waitFor(() => expect(result.current.softphone.status).toBe("registered"));
    expect(devices[0]!.tokens).toEqual(["token-1", "token-2"]);
  });

  it("removes every Device and Call listener and destroys the Device on unmount", async () => {
    const { devices, wrapper } = setup();
    const { result, unmount } = renderHook(useBoth, { wrapper });
    await waitFor(() => expect(result.current.softphone.status).toBe("registered"));
    const call = new FakeCall();
    act(() => void devices[0]!.emit("incoming", call));
    expect(listenerTotal(devices[0]!)).toBeGreaterThan(0);
    expect(listenerTotal(call)).toBeGreaterThan(0);
    unmount();
    expect(listenerTotal(devices[0]!)).toBe(0);
    expect(listenerTotal(call)).toBe(0);
    expect(devices[0]!.destroyed).toBe(true);
  });

  it("refuses hooks outside the provider", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    function Probe() {
      useActiveCalls();
      return null;
    }
    expect(() => render(<Probe />)).toThrow(/DeviceProvider/);
    spy.mockRestore();
  });
});
