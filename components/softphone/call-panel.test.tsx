// @vitest-environment happy-dom
import { EventEmitter } from "node:events";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SoftphoneCall, TrackedCall } from "@/components/providers/device-provider/types";
import type { TrackedReservation, WorkerReservation } from "@/components/providers/worker-provider/types";
import { CallPanel } from "./call-panel";

const TASK = "WT" + "1".repeat(32);
const TRANSFER_TASK = "WT" + "9".repeat(32);

function reservation(attributes: Record<string, unknown> = {}): TrackedReservation {
  const task = { sid: TASK, status: "assigned", attributes: { type: "call", caller: "+12025550111", call_sid: "CA" + "2".repeat(32), ...attributes } };
  return { sid: "WR" + "3".repeat(32), status: "accepted", task, reservation: { sid: "WR" + "3".repeat(32), status: "accepted", task } as unknown as WorkerReservation, receivedAt: Date.now() };
}

const call = Object.assign(new EventEmitter(), { accept: vi.fn(), disconnect: vi.fn(), mute: vi.fn(), sendDigits: vi.fn() }) as unknown as SoftphoneCall;
const live: TrackedCall = { key: "CA" + "4".repeat(32), call, direction: "inbound", state: "open", from: "+12025550100", to: "client:alice", muted: false, connectedAt: Date.now() };

type Answer = { status?: number; body: unknown };
let answers: Record<string, Answer>;
const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
  const path = new URL(url, "http://localhost").pathname;
  if (path === "/api/transfer-targets") return Response.json({ agents: [{ userId: "u-bob", name: "Bob Baker", activity: "Available", available: true }], queues: [] });
  if (init?.method === "POST") {
    const answer = answers[path] ?? { body: {} };
    return Response.json(answer.body, { status: answer.status ?? 200 });
  }
  return Response.json({ taskSid: TASK, type: "call", status: "assigned", queueName: null, caller: null, contact: null, ivrPath: [], previous: [], recording: false, wrapupDeadlineAt: null, disposition: null });
});
const posted = (path: string) => fetchMock.mock.calls.filter(([url, init]) => url === path && init?.method === "POST").map(([, init]) => JSON.parse(String(init!.body)));

beforeEach(() => {
  answers = { [`/api/tasks/${TASK}/transfer`]: { body: { taskSid: TASK, transferTaskSid: TRANSFER_TASK, mode: "warm" } } };
  fetchMock.mockClear();
  vi.stubGlobal("fetch", fetchMock);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function startWarmTransfer() {
  fireEvent.click(screen.getByRole("button", { name: "Transfer" }));
  const dialog = await screen.findByRole("dialog", { name: "Transfer call" });
  await waitFor(() => expect((within(dialog).getByLabelText("Transfer to") as HTMLSelectElement).value).toBe("agent:u-bob"));
  fireEvent.click(within(dialog).getByRole("button", { name: "Consult first" }));
  return screen.findByTestId("consult-bar");
}

describe("CallPanel transfers", () => {
  it("consults the chosen agent with the caller on hold, then completes the transfer", async () => {
    render(<CallPanel call={live} reservation={reservation()} recording={false} title="+1 202 555 0111" />);
    const bar = await startWarmTransfer();
    expect(posted(`/api/tasks/${TASK}/transfer`)).toEqual([{ mode: "warm", target: { type: "agent", userId: "u-bob" } }]);
    expect(bar.textContent).toContain("Consulting Bob Baker");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByTestId("call-state").textContent).toBe("On hold");
    expect((screen.getByRole("button", { name: "Transfer" }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(within(bar).getByRole("button", { name: "Complete transfer" }));
    await waitFor(() => expect(screen.queryByTestId("consult-bar")).toBeNull());
    expect(posted(`/api/tasks/${TASK}/transfer/finish`)).toEqual([{ outcome: "handoff" }]);
    expect(screen.getByTestId("call-notice").textContent).toBe("Transferred to Bob Baker.");
  });

  it("cancels a consult and takes the caller back; a server refusal is shown and the consult stays", async () => {
    answers[`/api/tasks/${TASK}/transfer/finish`] = { status: 409, body: { error: { code: "conflict", message: "The other agent has not joined the call yet." } } };
    render(<CallPanel call={live} reservation={reservation()} recording={false} title="+1 202 555 0111" />);
    const bar = await startWarmTransfer();
    fireEvent.click(within(bar).getByRole("button", { name: "Complete transfer" }));
    expect((await screen.findByRole("alert")).textContent).toBe("The other agent has not joined the call yet.");
    expect(screen.getByTestId("consult-bar")).toBeTruthy();

    answers[`/api/tasks/${TASK}/transfer/finish`] = { body: {} };
    fireEvent.click(within(bar).getByRole("button", { name: "Cancel (return to caller)" }));
    await waitFor(() => expect(screen.queryByTestId("consult-bar")).toBeNull());
    expect(posted(`/api/tasks/${TASK}/transfer/finish`).at(-1)).toEqual({ outcome: "return" });
    expect(screen.getByTestId("call-state").textContent).toBe("Connected");
  });

  it("shows a consult already in progress after a reload, from the task's attributes", () => {
    const attributes = { transfer_pending: { task_sid: TRANSFER_TASK, mode: "warm" }, transfers: [{ mode: "warm", to_task_sid: TRANSFER_TASK, target: { type: "agent", name: "Bob Baker" } }] };
    render(<CallPanel call={live} reservation={reservation(attributes)} recording={false} title="+1 202 555 0111" />);
    expect(screen.getByTestId("consult-bar").textContent).toContain("Consulting Bob Baker");
  });

  it("adds an outside party by its E.164 number", async () => {
    render(<CallPanel call={live} reservation={reservation()} recording={false} title="+1 202 555 0111" />);
    fireEvent.click(screen.getByRole("button", { name: "Add party" }));
    fireEvent.change(screen.getByLabelText("Number to add to the call"), { target: { value: "(202) 555-0147" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(posted(`/api/tasks/${TASK}/participants`)).toEqual([{ to: "+12025550147" }]));
    await waitFor(() => expect(screen.queryByLabelText("Number to add to the call")).toBeNull());
  });
});
