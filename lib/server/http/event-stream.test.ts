import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/server/events", () => ({ eventsReady: async () => {}, subscribe: () => () => {} }));

const { openEventStream } = await import("./event-stream");

async function readAll(response: Response): Promise<string> {
  return new Response(response.body).text();
}

describe("openEventStream", () => {
  afterEach(() => vi.useRealTimers());

  it("streams what start sends with SSE headers, and undoes start when the client goes away", async () => {
    const controller = new AbortController();
    const stop = vi.fn();
    const response = openEventStream({
      request: new Request("http://x/", { signal: controller.signal }),
      heartbeatMs: 60_000,
      start({ send }) {
        send("event: a\ndata: 1\n\n");
        return stop;
      },
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("event: a\ndata: 1\n\n");
    controller.abort();
    expect(stop).toHaveBeenCalledTimes(1);
    expect((await reader.read()).done).toBe(true);
  });

  it("sends heartbeats and ends the stream at its maximum age", async () => {
    vi.useFakeTimers();
    const stop = vi.fn();
    const response = openEventStream({ request: new Request("http://x/"), heartbeatMs: 1_000, maxAgeMs: 2_500, start: () => stop });
    const text = readAll(response);
    await vi.advanceTimersByTimeAsync(3_000);
    const body = await text;
    expect(body.match(/: heartbeat \d+\n\n/g)).toHaveLength(2);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it("undoes a start that finishes after the client already left", async () => {
    const controller = new AbortController();
    const stop = vi.fn();
    let release!: () => void;
    const response = openEventStream({
      request: new Request("http://x/", { signal: controller.signal }),
      heartbeatMs: 60_000,
      start: () => new Promise<() => void>((resolve) => (release = () => resolve(stop))),
    });
    const text = readAll(response);
    await Promise.resolve();
    controller.abort();
    release();
    expect(await text).toBe("");
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
