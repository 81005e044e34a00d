// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AgentDay } from "@/lib/server/calls/list-agent-today";
import { TodayHistory } from "./today-history";

afterEach(cleanup);

const day: AgentDay = {
  calls: [
    { id: "c2", startedAt: "2026-01-15T15:04:00Z", direction: "outbound", customer: "+442079460958", contactName: null, queueName: null, outcome: "answered", disposition: null, durationSeconds: 65 },
    { id: "c1", startedAt: "2026-01-15T14:00:00Z", direction: "inbound", customer: "+12025550111", contactName: "Maria Garcia", queueName: "Support", outcome: "answered", disposition: "resolved", durationSeconds: 130 },
    { id: "c0", startedAt: "2026-01-15T13:00:00Z", direction: "inbound", customer: "client:bob", contactName: null, queueName: null, outcome: "missed", disposition: null, durationSeconds: null },
  ],
  totals: { calls: 3, answered: 2, talkSeconds: 195 },
  truncated: false,
};

describe("TodayHistory", () => {
  it("shows the totals and each call's outcome, disposition and duration in the business time zone", () => {
    render(<TodayHistory day={day} timeZone="America/New_York" onSelect={vi.fn()} callAction={() => null} />);
    expect(screen.getByTestId("today-calls").textContent).toBe("3");
    expect(screen.getByTestId("today-answered").textContent).toBe("2");
    expect(screen.getByTestId("today-talk").textContent).toBe("3:15");
    const rows = within(screen.getByTestId("today-history")).getAllByRole("row").slice(1);
    expect(rows[1]!.textContent).toContain("Maria Garcia");
    expect(rows[1]!.textContent).toContain("resolved");
    expect(rows[1]!.textContent).toContain("2:10");
    expect(rows[1]!.textContent).toMatch(/9:00/);
    expect(within(rows[1]!).getByRole("link", { name: /Details/ }).getAttribute("href")).toBe("/agent/calls/c1");
  });

  it("offers the contact and click-to-call for phone numbers only", () => {
    const onSelect = vi.fn();
    const callAction = vi.fn((phone: string) => <button type="button">Call {phone}</button>);
    render(<TodayHistory day={day} onSelect={onSelect} callAction={callAction} />);
    fireEvent.click(screen.getByRole("button", { name: /^Maria Garcia\s*: show contact/ }));
    expect(onSelect).toHaveBeenCalledWith("+12025550111");
    expect(callAction.mock.calls.map(([p]) => p)).toEqual(["+442079460958", "+12025550111"]);
    expect(screen.queryByRole("button", { name: /bob.*show contact/ })).toBeNull();
  });

  it("says when there are no calls yet", () => {
    render(<TodayHistory day={{ calls: [], totals: { calls: 0, answered: 0, talkSeconds: 0 }, truncated: false }} onSelect={vi.fn()} callAction={() => null} />);
    expect(screen.getByText("No calls yet today")).toBeTruthy();
  });
});
