// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AddPartyForm } from "./add-party-form";

afterEach(cleanup);

describe("AddPartyForm", () => {
  it("sends the number as E.164 and closes", async () => {
    const onAdd = vi.fn(async () => {});
    const onDone = vi.fn();
    render(<AddPartyForm onAdd={onAdd} onDone={onDone} />);
    fireEvent.change(screen.getByLabelText("Number to add to the call"), { target: { value: "202 555 0147" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(onAdd).toHaveBeenCalledWith("+12025550147"));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });

  it("refuses an invalid number without calling the server", async () => {
    const onAdd = vi.fn(async () => {});
    render(<AddPartyForm onAdd={onAdd} onDone={vi.fn()} />);
    fireEvent.change(screen.getByLabelText("Number to add to the call"), { target: { value: "12345" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    expect((await screen.findByRole("alert")).textContent).toContain("is not a valid phone number");
    expect(onAdd).not.toHaveBeenCalled();
  });

  it("shows the server's message and stays open when adding fails", async () => {
    const onDone = vi.fn();
    render(<AddPartyForm onAdd={async () => Promise.reject(new Error("This task's call is not connected."))} onDone={onDone} />);
    fireEvent.change(screen.getByLabelText("Number to add to the call"), { target: { value: "+44 20 7946 0958" } });
    fireEvent.click(screen.getByRole("button", { name: "Add" }));
    expect((await screen.findByRole("alert")).textContent).toBe("This task's call is not connected.");
    expect(onDone).not.toHaveBeenCalled();
  });
});
