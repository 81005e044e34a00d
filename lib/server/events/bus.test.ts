import { describe, expect, it } from "vitest";
import { createMemoryBus, topicMatches, type BusEvent } from "./bus";

describe("event bus (in-process)", () => {
  it("matches exact topics, prefix wildcards and *", () => {
    expect(topicMatches("call.updated", "call.updated")).toBe(true);
    expect(topicMatches("call.*", "call.updated")).toBe(true);
    expect(topicMatches("call.*", "task.updated")).toBe(false);
    expect(topicMatches("*", "anything")).toBe(true);
  });

  it("delivers after publish returns, only to matching subscribers, until unsubscribed", async () => {
    const bus = createMemoryBus();
    const seen: BusEvent[] = [];
    const unsubscribe = bus.subscribe("task.*", (e) => seen.push(e));
    await bus.publish("task.updated", { taskSid: "WT1" });
    expect(seen).toHaveLength(0);
    await new Promise((r) => setImmediate(r));
    await bus.publish("call.updated", {});
    await new Promise((r) => setImmediate(r));
    expect(seen.map((e) => [e.topic, e.payload])).toEqual([["task.updated", { taskSid: "WT1" }]]);
    unsubscribe();
    await bus.publish("task.updated", {});
    await new Promise((r) => setImmediate(r));
    expect(seen).toHaveLength(1);
  });

  it("keeps delivering when one handler throws", async () => {
    const errors: unknown[] = [];
    const bus = createMemoryBus((e) => errors.push(e));
    const seen: string[] = [];
    bus.subscribe("*", () => {
      throw new Error("bad handler");
    });
    bus.subscribe("*", (e) => seen.push(e.topic));
    await bus.publish("x", {});
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(["x"]);
    expect(errors).toHaveLength(1);
  });
});
