// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ContactHistory } from "@/lib/server/contacts/get-contact-history";
import { ContactPanel } from "./contact-panel";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const empty = { items: [], hasMore: false };

function serve(body: unknown, status = 200) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } }));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

const known: ContactHistory = {
  phone: "+12025550111",
  contact: { id: "k1", name: "Maria Garcia", company: "Garcia Logistics", email: null, notes: "VIP since 2019" },
  calls: {
    items: [
      { id: "c1", startedAt: "2026-01-15T14:00:00Z", direction: "inbound", outcome: "answered", disposition: "resolved", durationSeconds: 90, agentName: "Bob", detailHref: null },
      { id: "c2", startedAt: "2026-01-14T14:00:00Z", direction: "outbound", outcome: "answered", disposition: null, durationSeconds: 30, agentName: "Alice", detailHref: "/agent/calls/c2" },
    ],
    hasMore: true,
  },
  voicemails: {
    items: [{ id: "v1", createdAt: "2026-01-13T14:00:00Z", durationSeconds: 12, handled: false, transcription: null, recordingSid: null, audible: false }],
    hasMore: false,
  },
  conversations: {
    items: [{ id: "conv1", channel: "WHATSAPP", status: "open", lastMessageAt: "2026-01-15T15:00:00Z", messages: [{ id: "m1", direction: "inbound", body: "Where is my parcel?", status: "received", createdAt: "2026-01-15T15:00:00Z" }] }],
    hasMore: false,
  },
};

describe("ContactPanel", () => {
  it("loads the number's history and shows the contact, past calls, voicemails and messages with their actions", async () => {
    const fetchMock = serve(known);
    render(<ContactPanel phone="+12025550111" reason="Offered call" callAction={<button type="button">Call</button>} />);
    expect(await screen.findByRole("heading", { name: "Maria Garcia" })).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith("/api/contacts/by-phone/%2B12025550111?limit=10", expect.objectContaining({ cache: "no-store" }));
    const panel = screen.getByTestId("contact-panel");
    expect(panel.textContent).toContain("Offered call");
    expect(panel.textContent).toContain("Garcia Logistics");
    expect(screen.getByTestId("contact-notes").textContent).toBe("VIP since 2019");
    const calls = screen.getByTestId("contact-calls");
    expect(calls.textContent).toContain("resolved");
    expect(calls.textContent).toContain("Bob");
    expect(within(calls).getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual(["/agent/calls/c2"]);
    expect(screen.getByRole("region", { name: "Past calls" }).textContent).toContain("latest 2");
    expect(screen.getByTestId("contact-voicemails").textContent).toContain("Only the agent it was assigned to and supervisors can hear this voicemail.");
    const messages = screen.getByTestId("contact-messages");
    expect(messages.textContent).toContain("WhatsApp");
    expect(messages.textContent).toContain("Where is my parcel?");
    expect(within(messages).getByRole("link", { name: "Open conversation" }).getAttribute("href")).toBe("/messages?c=conv1");
    expect(screen.getByRole("link", { name: "Text" }).getAttribute("href")).toBe("/messages?to=%2B12025550111");
    expect(screen.getByRole("button", { name: "Call" })).toBeTruthy();
  });

  it("still shows an unknown number, its actions and empty lists", async () => {
    serve({ phone: "+12025550199", contact: null, calls: empty, voicemails: empty, conversations: empty });
    render(<ContactPanel phone="+12025550199" reason="On call" />);
    expect(await screen.findByText("Not in contacts")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "+1 202 555 0199" })).toBeTruthy();
    expect(screen.getByText("No calls before.")).toBeTruthy();
    expect(screen.getByText("No voicemails.")).toBeTruthy();
    expect(screen.getByText("No SMS or WhatsApp messages.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Text" })).toBeTruthy();
  });

  it("shows the server's message when the history cannot be loaded", async () => {
    serve({ error: { code: "forbidden", message: "Your role does not allow this." } }, 403);
    render(<ContactPanel phone="+12025550111" reason="On call" />);
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Your role does not allow this."));
    expect(screen.getByRole("heading", { name: "+1 202 555 0111" })).toBeTruthy();
  });
});
