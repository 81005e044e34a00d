// @vitest-environment happy-dom
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import { useActivity } from "@/lib/hooks/use-activity";
import { useReservations } from "@/lib/hooks/use-reservations";
import { answer, FakeReservation, FakeWorker, listenerTotal } from "../testing/fake-sdk";
import type { TaskRouterWorker } from "./types";
import { WorkerProvider } from "./worker-provider";

function setup() {
  const workers: FakeWorker[] = [];
  let tokens = 0;
  const fetchToken = vi.fn(async () => answer(`token-${++tokens}`));
  const createWorker = vi.fn(async (a: { token: string }) => {
    const worker = new FakeWorker(a.token);
    workers.push(worker);
    return worker as unknown as TaskRouterWorker;
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <WorkerProvider fetchToken={fetchToken} createWorker={createWorker}>
      {children}
    </WorkerProvider>
  );
  return { workers, wrapper };
}

function useBoth() {
  return { activity: useActivity(), reservations: useReservations() };
}

async function ready(workers: FakeWorker[]) {
  await waitFor(() => expect(workers).toHaveLength(1));
  await waitFor(() => expect(listenerTotal(workers[0]!)).toBeGreaterThan(0));
  act(() => void workers[0]!.emit("ready", workers[0]));
  return workers[0]!;
}

const task = (sid: string) => ({ sid, attributes: { caller: "+12025550111", queue: "support" }, status: "reserved" });

describe("WorkerProvider", () => {
  it("reports the activity and switches it through the SDK", async () => {
    const { workers, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    await ready(workers);
    expect(result.current.activity.ready).toBe(true);
    expect(result.current.activity.activity?.name).toBe("Offline");
    expect(result.current.activity.activities.map((a) => a.name)).toContain("Available");
    await act(async () => void (await result.current.activity.setActivity("Available")));
    expect(result.current.activity.activity?.name).toBe("Available");
    await act(async () => void (await result.current.activity.setActivity("Lunch")));
    expect(result.current.activity.error).toMatch(/no “Lunch” activity/);
  });

  it("follows reservations from pending to accepted to gone", async () => {
    const { workers, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    const worker = await ready(workers);
    const reservation = new FakeReservation("WR1", "pending", task("WT1"));
    act(() => void worker.emit("reservationCreated", reservation));
    expect(result.current.reservations.pending.map((r) => r.sid)).toEqual(["WR1"]);
    act(() => reservation.set("accepted", "accepted"));
    expect(result.current.reservations.pending).toHaveLength(0);
    expect(result.current.reservations.accepted.map((r) => r.sid)).toEqual(["WR1"]);
    act(() => reservation.set("wrapping", "wrapup"));
    expect(result.current.reservations.wrapping.map((r) => r.sid)).toEqual(["WR1"]);
    act(() => reservation.set("completed", "completed"));
    expect(result.current.reservations.wrapping).toHaveLength(0);
    expect(listenerTotal(reservation)).toBe(0);
  });

  it("drops a rejected or timed-out reservation", async () => {
    const { workers, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    const worker = await ready(workers);
    const reservation = new FakeReservation("WR2", "pending", task("WT2"));
    act(() => void worker.emit("reservationCreated", reservation));
    act(() => reservation.set("timeout", "timeout"));
    expect(result.current.reservations.pending).toHaveLength(0);
    expect(listenerTotal(reservation)).toBe(0);
  });

  it("after a reconnect follows the SDK's fresh Reservation objects and drops the ones that ended meanwhile", async () => {
    const { workers, wrapper } = setup();
    const { result } = renderHook(useBoth, { wrapper });
    const worker = await ready(workers);
    const accepted = new FakeReservation("WR4", "accepted", { ...task("WT4"), status: "assigned" });
    const offered = new FakeReservation("WR5", "pending", task("WT5"));
    act(() => void worker.emit("reservationCreated", accepted));
    act(() => void worker.emit("reservationCreated", offered));
    const offeredAt = result.current.reservations.pending[0]!.receivedAt;

    // The socket closed (e.g. the old token's) and came back: the SDK refetched the active
    // reservations into new objects; WR5 timed out in between, WR4 went to wrap-up.
    act(() => void worker.emit("disconnected", worker));
    const wrapping = new FakeReservation("WR4", "wrapping", { ...task("WT4"), status: "wrapping" });
    worker.reservations.clear();
    worker.reservations.set("WR4", wrapping);
    act(() => void worker.emit("ready", worker));
    expect(result.current.reservations.pending).toHaveLength(0);
    expect(result.current.reservations.wrapping.map((r) => r.sid)).toEqual(["WR4"]);
    expect(listenerTotal(accepted)).toBe(0);
    expect(listenerTotal(offered)).toBe(0);

    // Events now come on the new object.
    act(() => wrapping.set("completed", "completed"));
    expect(result.current.reservations.wrapping).toHaveLength(0);
    expect(listenerTotal(wrapping)).toBe(0);

    // A reservation still pending after the reconnect keeps its original offer time.
    const again = new FakeReservation("WR6", "pending", task("WT6"));
    act(() => void worker.emit("reservationCreated", again));
    const firstSeen = result.current.reservations.pending[0]!.receivedAt;
    worker.reservations.set("WR6", new FakeReservation("WR6", "pending", task("WT6")));
    act(() => void worker.emit("ready", worker));
    expect(result.current.reservations.pending.map((r) => [r.sid, r.receivedAt])).toEqual([["WR6", firstSeen]]);
    expect(listenerTotal(again)).toBe(0);
    expect(offeredAt).toBeLessThanOrEqual(firstSeen);
  });

  it("updates the token when the SDK says it expired", async () => {
    const { workers, wrapper } = setup();
    renderHook(useBoth, { wrapper });
    const worker = await ready(workers);
    act(() => void worker.emit("tokenExpired"));
    await waitFor(() => expect(worker.tokens).toEqual(["token-1", "token-2"]));
  });

  it("builds a fresh Worker when the page comes back online still disconnected", async () => {
    const { workers, wrapper } = setup();
    renderHook(useBoth, { wrapper });
    const worker = await ready(workers);
    act(() => void worker.emit("disconnected", worker));
    await act(async () => void window.dispatchEvent(new Event("online")));
    await waitFor(() => expect(workers).toHaveLength(2));
    expect(worker.disconnected).toBe(true);
    expect(listenerTotal(worker)).toBe(0);
  });

  it("removes every Worker and Reservation listener and disconnects on unmount", async () => {
    const { workers, wrapper } = setup();
    const { unmount } = renderHook(useBoth, { wrapper });
    const worker = await ready(workers);
    const reservation = new FakeReservation("WR3", "pending", task("WT3"));
    act(() => void worker.emit("reservationCreated", reservation));
    expect(listenerTotal(reservation)).toBeGreaterThan(0);
    unmount();
    expect(listenerTotal(worker)).toBe(0);
    expect(listenerTotal(reservation)).toBe(0);
    expect(worker.disconnected).toBe(true);
  });
});
