import "server-only";
/**
 * Server-sent events. `openEventStream` owns what every stream needs: encoding, a comment
 * heartbeat (keeps proxies from closing an idle stream), an optional maximum age (the browser
 * reconnects at once, which re-checks the session and role), cleanup exactly once when the client
 * goes away, and the response headers. `eventStreamResponse` streams event-bus topics with it.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import { eventsReady, subscribe, type BusEvent } from "@/lib/server/events";

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

export interface EventStreamSink {
  /** Queues raw SSE text; ignored once the stream is closed. */
  send(text: string): void;
  /** Chunks queued beyond what the client has read (negative when it lags), for skipping frames. */
  backlog(): number;
  /** Ends the stream (the client reconnects after its retry delay). */
  close(): void;
}

export interface EventStreamOptions {
  request: Request;
  heartbeatMs: number;
  /** End the stream after this long; the browser reconnects. */
  maxAgeMs?: number;
  /** Starts producing events; returns what to undo when the stream ends. */
  start(sink: EventStreamSink): Promise<(() => void) | void> | (() => void) | void;
}

export function openEventStream({ request, heartbeatMs, maxAgeMs, start }: EventStreamOptions): Response {
  const encoder = new TextEncoder();
  let close = () => {};
  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        let closed = false;
        const undo: (() => void)[] = [];
        const sink: EventStreamSink = {
          send(text) {
            if (closed) return;
            try {
              controller.enqueue(encoder.encode(text));
            } catch {
              close();
            }
          },
          backlog: () => controller.desiredSize ?? 0,
          close: () => close(),
        };
        close = () => {
          if (closed) return;
          closed = true;
          for (const fn of undo.splice(0)) fn();
          request.signal.removeEventListener("abort", close);
          try {
            controller.close();
          } catch {
            // already closed by the runtime
          }
        };
        request.signal.addEventListener("abort", close);
        const heartbeat = setInterval(() => sink.send(`: heartbeat ${Date.now()}\n\n`), heartbeatMs);
        undo.push(() => clearInterval(heartbeat));
        if (maxAgeMs !== undefined) {
          const maxAge = setTimeout(close, maxAgeMs);
          undo.push(() => clearTimeout(maxAge));
        }
        if (request.signal.aborted) return close();
        const stop = await start(sink);
        if (stop) {
          if (closed) stop();
          else undo.push(stop);
        }
      },
      cancel() {
        close();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(stream, { headers: HEADERS });
}

/** One `event: <topic>` per bus event matching the patterns, until the client goes away. */
export function eventStreamResponse(
  request: Request,
  patterns: readonly string[],
  options: { filter?: (event: BusEvent) => boolean } = {},
): Response {
  return openEventStream({
    request,
    heartbeatMs: 20_000,
    async start({ send }) {
      const unsubscribers = patterns.map((pattern) =>
        subscribe(pattern, (event) => {
          if (options.filter && !options.filter(event)) return;
          send(`event: ${event.topic}\ndata: ${JSON.stringify(event.payload)}\n\n`);
        }),
      );
      // "connected" only once events can flow, so a client that saw it misses nothing after it.
      await eventsReady().catch(() => {});
      send("retry: 3000\n: connected\n\n");
      return () => {
        for (const unsubscribe of unsubscribers) unsubscribe();
      };
    },
  });
}
