import { describe, expect, it } from "vitest";
import { generateHistory } from "./history";
import { Random } from "./random";

const users = new Map(["alice", "bob", "sam", "ada"].map((name) => [name, { id: `user-${name}`, workerSid: `WK${name}` }]));
const queues = new Map(["sales", "support", "inspections", "general"].map((key) => [key, { id: `queue-${key}`, taskQueueSid: `WQ${key}` }]));
const contacts = [
  { id: "contact-1", phone: "+12025550111", name: "Maria Garcia" },
  { id: "contact-2", phone: "+34600111222", name: "Mateo Fernández" },
];

describe("generateHistory", () => {
  // The seed runs at whatever time `npm run dev` or CI starts: every half hour of a week must give
  // rows the database accepts (every event's call exists) and nothing that ends after `now`.
  const starts = Array.from({ length: 7 * 48 }, (_, i) => new Date(Date.UTC(2026, 10, 16, 0, 0) + i * 30 * 60_000));

  it.each(starts.filter((_, i) => i % 7 === 0).map((d) => [d.toISOString(), d] as const))("at %s only finished calls, each event on a kept call", (_, now) => {
    const { ctx, intervals } = generateHistory({ rng: new Random(20261121), now, days: 14, users, queues, contacts });
    const callIds = new Set(ctx.calls.map((c) => c.id));
    expect(ctx.calls.length).toBeGreaterThan(100);
    for (const event of ctx.events) expect(callIds.has(event.callId)).toBe(true);
    for (const call of ctx.calls) expect(new Date(call.endedAt!).getTime()).toBeLessThanOrEqual(now.getTime());
    // Seeded voicemails and callbacks had their task: the sweeper must not route history anew.
    for (const vm of ctx.voicemails) expect([callIds.has(vm.callId!), vm.taskSid]).toEqual([true, expect.stringMatching(/^WT/)]);
    for (const cb of ctx.callbacks) expect([callIds.has(cb.callId!), cb.taskSid]).toEqual([true, expect.stringMatching(/^WT/)]);
    for (const interval of intervals) expect(new Date(interval.startedAt).getTime()).toBeLessThan(now.getTime());
  });

  it("is deterministic for the same moment", () => {
    const now = new Date("2026-11-21T12:22:00Z");
    const a = generateHistory({ rng: new Random(1), now, days: 3, users, queues, contacts });
    const b = generateHistory({ rng: new Random(1), now, days: 3, users, queues, contacts });
    expect(b.ctx.calls).toEqual(a.ctx.calls);
  });
});
