// @vitest-environment happy-dom
import { EventEmitter } from "node:events";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DeviceContext, type DeviceContextValue } from "@/components/providers/device-provider/device-context";
import type { SoftphoneCall, TrackedCall } from "@/components/providers/device-provider/types";
import { WorkerContext, type WorkerContextValue } from "@/components/providers/worker-provider/worker-context";
import type { TrackedReservation, WorkerReservation } from "@/components/providers/worker-provider/types";
import { WorkQueue } from "./work-queue";

const TASK = "WT" + "1".repeat(32);

function reservation(status: string): TrackedReservation {
  const task = { sid: TASK, status: status === "pending" ? "reserved" : "assigned", attributes: { type: "transfer", caller: "+12025550111", call_sid: "CA" + "2".repeat(32), queue: "general" } };
  return { sid: "WR" + "3".repeat(32), status, task, reservation: { sid: "WR" + "3".repeat(32), status, task, timeout: 30 } as unknown as WorkerReservation, receivedAt: Date.now() };
}

class FakeCall extends EventEmitter {
  parameters = { CallSid: "CA" + "4".repeat(32), From: "+12025550100", To: "client:bob" };
  customParameters = new Map<string, string>();
  accept = vi.fn(() => void this.emit("accept"));
  reject = vi.fn();
  ignore = vi.fn();
  disconnect = vi.fn();
  isMuted = () => false;
  mute = vi.fn();
  sendDigits = vi.fn();
  status = () => "pending";
}

function tracked(call: FakeCall, state: TrackedCall["state"]): TrackedCall {
  return { key: call.parameters.CallSid, call: call as unknown as SoftphoneCall, direction: "inbound", state, from: "+12025550100", to: "client:bob", muted: false, connectedAt: state === "open" ? Date.now() : null };
}

const AGENT_LEG = "CA" + "5".repeat(32);
function outboundReservation(status: string): TrackedReservation {
  const task = { sid: TASK, status: status === "pending" ? "reserved" : "assigned", attributes: { type: "call", direction: "outbound", caller: "+12025550166", agent_call_sid: AGENT_LEG, queue: "general" } };
  return { sid: "WR" + "6".repeat(32), status, task, reservation: { sid: "WR" + "6".repeat(32), status, task, timeout: 30 } as unknown as WorkerReservation, receivedAt: Date.now() };
}
function outgoing(callSid: string, state: TrackedCall["state"]): TrackedCall {
  const call = new FakeCall();
  call.parameters = { CallSid: callSid, From: "client:alice", To: "+12025550166" };
  return { key: callSid, call: call as unknown as SoftphoneCall, direction: "outbound", state, from: "client:alice", to: "+12025550166", muted: false, connectedAt: state === "open" ? Date.now() : null };
}

function Harness({ calls, reservations }: { calls: TrackedCall[]; reservations: TrackedReservation[] }) {
  const device = { status: "registered", error: null, identity: "bob", calls, connect: vi.fn() } as unknown as DeviceContextValue;
  const worker = { status: "ready", error: null, worker: null, activity: null, activitySince: null, activities: [], reservations } as unknown as WorkerContextValue;
  return (
    <DeviceContext.Provider value={device}>
      <WorkerContext.Provider value={worker}>
        <WorkQueue dispositions={[]} recording={{ inbound: false, outbound: false }} header={() => null} />
      </WorkerContext.Provider>
    </DeviceContext.Provider>
  );
}

let acceptAnswers: number[] = [];
let rejectAnswers: number[] = [];
const fetchMock = vi.fn(async (url: string) => {
  if (url.includes("/accept") || url.includes("/reject")) {
    const status = (url.includes("/accept") ? acceptAnswers : rejectAnswers).shift() ?? 200;
    return status === 200 ? Response.json({ status: url.includes("/accept") ? "accepted" : "rejected" }) : Response.json({ error: { message: "That reservation does not exist (or has not reached us yet)." } }, { status });
  }
  return Response.json({ taskSid: TASK, type: "transfer", status: "assigned", queueName: null, caller: null, contact: null, ivrPath: [], previous: [], recording: false, wrapupDeadlineAt: null, disposition: null });
});

beforeEach(() => {
  acceptAnswers = [];
  rejectAnswers = [];
  fetchMock.mockClear();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("WorkQueue: an offered transfer", () => {
  it("accepts through the server, then answers the leg the server dials and shows it as the transferred call", async () => {
    const { rerender } = render(<Harness calls={[]} reservations={[reservation("pending")]} />);
    expect(screen.getByText("Transferred call")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Accept" }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledWith(expect.stringContaining("/api/reservations/WR"), expect.objectContaining({ method: "POST" })));

    // Accepted, the leg not ringing yet: a connecting call panel, not a wrap-up form.
    rerender(<Harness calls={[]} reservations={[reservation("accepted")]} />);
    expect(screen.queryByTestId("reservation-card")).toBeNull();
    expect(screen.queryByTestId("wrapup-form")).toBeNull();
    expect(screen.getByTestId("call-state").textContent).toBe("Connecting…");

    // The server's call into the conference rings the softphone: it is answered and linked.
    const leg = new FakeCall();
    rerender(<Harness calls={[tracked(leg, "ringing")]} reservations={[reservation("accepted")]} />);
    await waitFor(() => expect(leg.accept).toHaveBeenCalledTimes(1));
    rerender(<Harness calls={[tracked(leg, "open")]} reservations={[reservation("accepted")]} />);
    await waitFor(() => expect(screen.getByTestId("call-state").textContent).toBe("Connected"));
    expect(screen.getAllByTestId("call-panel")).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Transfer" })).toBeTruthy();
  });

  it("tries the accept again while the server has not heard of the reservation yet", async () => {
    acceptAnswers = [404, 404];
    const { rerender } = render(<Harness calls={[]} reservations={[reservation("pending")]} />);
    fireEvent.click(screen.getByRole("button", { name: "Accept" }));
    await waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => String(url).includes("/accept"))).toHaveLength(3), { timeout: 5_000 });
    rerender(<Harness calls={[]} reservations={[reservation("accepted")]} />);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByTestId("call-state").textContent).toBe("Connecting…");
  });

  it("tries the reject again while the server has not heard of the reservation yet", async () => {
    rejectAnswers = [404, 404];
    render(<Harness calls={[]} reservations={[reservation("pending")]} />);
    fireEvent.click(screen.getByRole("button", { name: "Reject" }));
    await waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => String(url).includes("/reject"))).toHaveLength(3), { timeout: 5_000 });
    await waitFor(() => expect(screen.getByRole("button", { name: "Rejecting…" })).toBeTruthy());
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("does not answer a ringing call nobody accepted a transfer for", async () => {
    const stray = new FakeCall();
    render(<Harness calls={[tracked(stray, "ringing")]} reservations={[reservation("pending")]} />);
    await act(async () => {});
    expect(stray.accept).not.toHaveBeenCalled();
    expect(screen.getByTestId("reservation-card")).toBeTruthy();
  });
});

describe("WorkQueue: the agent's own outbound call", () => {
  it("is never offered, and its task controls the softphone's outgoing call (hold, transfer) in one panel", async () => {
    const other = outgoing("CA" + "7".repeat(32), "open");
    for (const status of ["pending", "accepted"]) {
      render(<Harness calls={[other, outgoing(AGENT_LEG, "open")]} reservations={[outboundReservation(status)]} />);
      expect(screen.queryByTestId("reservation-card")).toBeNull();
      expect(screen.queryByText("Incoming call")).toBeNull();
      // Two panels: the task's (with hold and transfer) and the unrelated outgoing call's (without).
      const panels = screen.getAllByTestId("call-panel");
      expect(panels).toHaveLength(2);
      expect(panels.filter((p) => p.textContent?.includes("Transfer"))).toHaveLength(1);
      expect(screen.getAllByRole("button", { name: "Hold" })).toHaveLength(1);
      cleanup();
    }
  });

  it("goes to wrap-up once its call has ended", () => {
    render(<Harness calls={[]} reservations={[outboundReservation("accepted")]} />);
    expect(screen.queryByTestId("call-panel")).toBeNull();
    expect(screen.getByTestId("wrapup-form")).toBeTruthy();
  });
});
