// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TransferTargets } from "@/lib/server/agents/list-transfer-targets";
import { parseTargetValue, TransferDialog } from "./transfer-dialog";

const targets: TransferTargets = {
  agents: [
    { userId: "u-bob", name: "Bob Baker", activity: "Available", available: true },
    { userId: "u-cy", name: "Cy Chen", activity: "Break", available: false },
    { userId: "u-di", name: "Di Dunn", activity: "Offline", available: false },
  ],
  queues: [{ key: "support", name: "Support" }],
};

afterEach(cleanup);

function setup(onTransfer = vi.fn(async () => {})) {
  const onClose = vi.fn();
  render(<TransferDialog onTransfer={onTransfer} onClose={onClose} loadTargets={async () => targets} />);
  return { onTransfer, onClose };
}

describe("TransferDialog", () => {
  it("lists agents with their activity and queues, preselects the first available agent and focuses the picker", async () => {
    setup();
    const select = (await screen.findByLabelText("Transfer to")) as HTMLSelectElement;
    await waitFor(() => expect(select.disabled).toBe(false));
    expect(select.value).toBe("agent:u-bob");
    await waitFor(() => expect(document.activeElement).toBe(select));
    expect(screen.getByRole("option", { name: "Cy Chen — Break" })).toBeTruthy();
    expect((screen.getByRole("option", { name: "Di Dunn — Offline" }) as HTMLOptionElement).disabled).toBe(true);
    expect(screen.getByRole("option", { name: "Support queue" })).toBeTruthy();
    expect(screen.getByRole("dialog", { name: "Transfer call" })).toBeTruthy();
  });

  it("starts a warm transfer to the chosen agent and a cold one to a queue", async () => {
    const { onTransfer } = setup();
    const select = (await screen.findByLabelText("Transfer to")) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe("agent:u-bob"));
    fireEvent.click(screen.getByRole("button", { name: "Consult first" }));
    await waitFor(() => expect(onTransfer).toHaveBeenCalledWith("warm", { type: "agent", userId: "u-bob" }, "Bob Baker"));

    fireEvent.change(select, { target: { value: "queue:support" } });
    fireEvent.click(screen.getByRole("button", { name: "Transfer now" }));
    await waitFor(() => expect(onTransfer).toHaveBeenLastCalledWith("cold", { type: "queue", queueKey: "support" }, "Support"));
  });

  it("shows the server's message when the transfer fails and lets the agent try again", async () => {
    const onTransfer = vi.fn(async () => {
      throw new Error("A transfer of this call is already in progress.");
    });
    setup(onTransfer);
    const select = (await screen.findByLabelText("Transfer to")) as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe("agent:u-bob"));
    fireEvent.click(screen.getByRole("button", { name: "Transfer now" }));
    expect((await screen.findByRole("alert")).textContent).toBe("A transfer of this call is already in progress.");
    expect((screen.getByRole("button", { name: "Transfer now" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("closes on Escape and does not transfer without a target", async () => {
    const { onTransfer, onClose } = setup();
    const select = (await screen.findByLabelText("Transfer to")) as HTMLSelectElement;
    await waitFor(() => expect(select.disabled).toBe(false));
    fireEvent.change(select, { target: { value: "" } });
    expect((screen.getByRole("button", { name: "Transfer now" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(window, { key: "Escape" });
    expect(onClose).toHaveBeenCalled();
    expect(onTransfer).not.toHaveBeenCalled();
  });

  it("reports a failure to load the targets", async () => {
    render(<TransferDialog onTransfer={vi.fn()} onClose={vi.fn()} loadTargets={async () => Promise.reject(new Error("Sign in to continue."))} />);
    expect((await screen.findByRole("alert")).textContent).toBe("Sign in to continue.");
  });
});

describe("parseTargetValue", () => {
  it("reads agent and queue values and rejects anything else", () => {
    expect(parseTargetValue("agent:abc")).toEqual({ type: "agent", userId: "abc" });
    expect(parseTargetValue("queue:support")).toEqual({ type: "queue", queueKey: "support" });
    expect(parseTargetValue("")).toBeNull();
    expect(parseTargetValue("agent:")).toBeNull();
    expect(parseTargetValue("user:abc")).toBeNull();
  });
});

describe("TransferDialog focus", () => {
  it("keeps Tab inside the dialog", async () => {
    render(<TransferDialog onTransfer={vi.fn()} onClose={vi.fn()} loadTargets={async () => targets} />);
    const select = (await screen.findByLabelText("Transfer to")) as HTMLSelectElement;
    await waitFor(() => expect(document.activeElement).toBe(select));
    const last = screen.getByRole("button", { name: "Transfer now" });
    last.focus();
    fireEvent.keyDown(last, { key: "Tab" });
    expect(document.activeElement).toBe(select);
    fireEvent.keyDown(select, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);
  });
});

describe("TransferDialog refresh", () => {
  it("refreshes the agents' activities while open and keeps the agent's choice", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      let bob = "Offline";
      const load = vi.fn(async (): Promise<TransferTargets> => ({
        agents: [{ userId: "u-bob", name: "Bob Baker", activity: bob, available: bob === "Available" }],
        queues: [{ key: "support", name: "Support" }],
      }));
      render(<TransferDialog onTransfer={vi.fn()} onClose={vi.fn()} loadTargets={load} />);
      expect(((await screen.findByRole("option", { name: "Bob Baker — Offline" })) as HTMLOptionElement).disabled).toBe(true);
      const select = screen.getByLabelText("Transfer to") as HTMLSelectElement;
      fireEvent.change(select, { target: { value: "queue:support" } });
      bob = "Available";
      await vi.advanceTimersByTimeAsync(3_500);
      expect(((await screen.findByRole("option", { name: "Bob Baker — Available" })) as HTMLOptionElement).disabled).toBe(false);
      expect(select.value).toBe("queue:support");
    } finally {
      vi.useRealTimers();
    }
  });
});
