// @vitest-environment happy-dom
import { EventEmitter } from "node:events";
import { useState } from "react";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DeviceContext, type DeviceContextValue } from "@/components/providers/device-provider/device-context";
import type { SoftphoneCall, TrackedCall } from "@/components/providers/device-provider/types";
import { DialerProvider, useDialer } from "./dialer-context";
import { MultiCallProvider, useMultiCall, useReportHold } from "./multi-call-context";

function fakeCall(): SoftphoneCall {
  const call = Object.assign(new EventEmitter(), { accept: vi.fn(), disconnect: vi.fn(() => call.emit("disconnect")) });
  return call as unknown as SoftphoneCall;
}

const tracked = (key: string): TrackedCall => ({
  key,
  call: fakeCall(),
  direction: "inbound",
  state: "open",
  from: "+12025550111",
  to: "client:alice",
  muted: false,
  connectedAt: Date.now(),
});

/** Stands in for a call panel: reports its hold state while mounted. */
function Panel({ callKey }: { callKey: string }) {
  const [held, setHeld] = useState(false);
  useReportHold(callKey, `WT-${callKey}`, held);
  return <button onClick={() => setHeld((h) => !h)}>{held ? `resume ${callKey}` : `hold ${callKey}`}</button>;
}

function Probe() {
  const { canDial, blockedReason, error, dial } = useDialer();
  const multi = useMultiCall();
  return (
    <div>
      <p data-testid="can-dial">{String(canDial)}</p>
      <p data-testid="reason">{blockedReason ?? ""}</p>
      <p data-testid="error">{error ?? ""}</p>
      <p data-testid="held">{multi?.calls.map((c) => `${c.key}:${c.held}`).join(",")}</p>
      <p data-testid="held-tasks">{[...(multi?.heldTasks ?? [])].join(",")}</p>
      <button onClick={() => void dial("+12025550144")}>dial</button>
    </div>
  );
}

function renderWith(calls: TrackedCall[], panels: string[]) {
  const connect = vi.fn(async () => tracked("CA-new").call);
  // The dialer does not use the audio devices.
  const device: DeviceContextValue = { status: "registered", error: null, identity: "alice", calls, connect, audio: {} as DeviceContextValue["audio"] };
  render(
    <DeviceContext.Provider value={device}>
      <MultiCallProvider capacity={2}>
        <DialerProvider>
          {panels.map((key) => (
            <Panel key={key} callKey={key} />
          ))}
          <Probe />
        </DialerProvider>
      </MultiCallProvider>
    </DeviceContext.Provider>,
  );
  return connect;
}

afterEach(cleanup);

describe("MultiCallProvider with the dialer", () => {
  it("refuses to dial while a call is live, and dials once every call is on hold, dropping the held legs first", async () => {
    const calls = [tracked("CA1"), tracked("CA2")];
    const connect = renderWith(calls, ["CA1", "CA2"]);
    expect(screen.getByTestId("can-dial").textContent).toBe("false");
    expect(screen.getByTestId("reason").textContent).toMatch(/on hold first/);
    fireEvent.click(screen.getByText("dial"));
    expect(connect).not.toHaveBeenCalled();
    expect(screen.getByTestId("error").textContent).toMatch(/on hold first/);

    fireEvent.click(screen.getByText("hold CA1"));
    expect(screen.getByTestId("held").textContent).toBe("CA1:true,CA2:false");
    expect(screen.getByTestId("held-tasks").textContent).toBe("WT-CA1");
    expect(screen.getByTestId("can-dial").textContent).toBe("false");
    fireEvent.click(screen.getByText("hold CA2"));
    expect(screen.getByTestId("can-dial").textContent).toBe("true");
    await act(async () => fireEvent.click(screen.getByText("dial")));
    expect(connect).toHaveBeenCalledWith({ To: "+12025550144" });
    // The SDK allows one active call: the held calls' legs go first (their callers stay on hold).
    for (const c of calls) expect(c.call.disconnect).toHaveBeenCalledTimes(1);
    expect(Math.max(...calls.map((c) => (c.call.disconnect as ReturnType<typeof vi.fn>).mock.invocationCallOrder[0]!))).toBeLessThan(connect.mock.invocationCallOrder[0]!);
  });

  it("treats a call nobody reports on (no panel, e.g. ringing) as live", () => {
    renderWith([tracked("CA1")], []);
    expect(screen.getByTestId("held").textContent).toBe("CA1:false");
    expect(screen.getByTestId("can-dial").textContent).toBe("false");
  });
});
