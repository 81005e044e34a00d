// @vitest-environment happy-dom
import { act, render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CallQuality } from "@/components/softphone/call-quality";
import { FakeCall, listenerTotal } from "@/components/providers/testing/fake-sdk";
import type { SoftphoneCall } from "@/components/providers/device-provider/types";
import { useCallQuality } from "./use-call-quality";

const asCall = (c: FakeCall) => c as unknown as SoftphoneCall;

describe("useCallQuality", () => {
  it("shows a warning while the SDK raises it and drops it on warning-cleared", () => {
    const call = new FakeCall();
    const { result } = renderHook(() => useCallQuality(asCall(call)));
    expect(result.current.warnings).toEqual([]);
    act(() => void call.emit("warning", "high-jitter", { name: "jitter", threshold: { name: "max", value: 30 }, values: [40, 45, 50] }));
    act(() => void call.emit("warning", "low-mos", null));
    expect(result.current.warnings.map((w) => w.name)).toEqual(["low-mos", "high-jitter"]);
    act(() => void call.emit("warning-cleared", "high-jitter"));
    expect(result.current.warnings.map((w) => w.name)).toEqual(["low-mos"]);
    act(() => void call.emit("sample", { mos: 3.14159, jitter: 12 }));
    expect(result.current.mos).toBe(3.1);
  });

  it("takes its listeners off the call on unmount and when the call changes", () => {
    const first = new FakeCall();
    const second = new FakeCall();
    const { result, rerender, unmount } = renderHook(({ call }) => useCallQuality(asCall(call)), { initialProps: { call: first } });
    expect(first.listenerCount("warning")).toBe(1);
    act(() => void first.emit("warning", "high-rtt"));
    rerender({ call: second });
    expect(listenerTotal(first)).toBe(0);
    expect(result.current.warnings).toEqual([]);
    unmount();
    expect(listenerTotal(second)).toBe(0);
  });
});

describe("CallQuality", () => {
  it("is silent while the call is fine and says what is wrong in words when it is not", () => {
    const call = new FakeCall();
    render(<CallQuality call={asCall(call)} />);
    const status = screen.getByTestId("call-quality");
    expect(status.textContent).toBe("");
    act(() => void call.emit("warning", "constant-audio-input-level"));
    expect(status.textContent).toContain("No microphone audio");
    expect(status.textContent).toContain("No audio from your microphone.");
    act(() => void call.emit("warning-cleared", "constant-audio-input-level"));
    expect(status.textContent).toBe("");
  });
});
