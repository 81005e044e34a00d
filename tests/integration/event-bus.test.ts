import { afterAll, describe, expect, inject, it } from "vitest";
import { createPostgresBus, type BusEvent, type EventBus } from "@/lib/server/events/bus";
import { isEmbeddedDatabase } from "@/lib/server/events";

const buses: EventBus[] = [];
afterAll(() => Promise.all(buses.map((b) => b.close())));

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe("event bus over Postgres LISTEN/NOTIFY", () => {
  it("delivers an event published by one instance to subscribers on two independent connections", async () => {
    const url = inject("databaseUrl");
    const a = createPostgresBus(url);
    const b = createPostgresBus(url);
    buses.push(a, b);
    const seenA: BusEvent[] = [];
    const seenB: BusEvent[] = [];
    a.subscribe("task.*", (e) => seenA.push(e));
    b.subscribe("task.updated", (e) => seenB.push(e));
    b.subscribe("call.*", () => seenB.push({ topic: "unexpected" } as BusEvent));
    await Promise.all([a.ready(), b.ready()]);

    await a.publish("task.updated", { taskSid: "WT1", status: "assigned" });
    await waitFor(() => seenA.length > 0 && seenB.length > 0);
    expect(seenA.map((e) => e.payload)).toEqual([{ taskSid: "WT1", status: "assigned" }]);
    expect(seenB.map((e) => [e.topic, e.payload])).toEqual([["task.updated", { taskSid: "WT1", status: "assigned" }]]);
    expect(seenA[0]!.origin).toBe(seenB[0]!.origin);
  });

  it("uses the in-process bus only for the embedded database", () => {
    expect(isEmbeddedDatabase(inject("databaseUrl"))).toBe(false);
    expect(isEmbeddedDatabase("postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable")).toBe(true);
  });
});
