import "server-only";
/**
 * Server-sent events from the event bus: one `event: <topic>` per bus event matching the
 * patterns, a comment heartbeat every 20 s (keeps proxies from closing an idle stream), and
 * clean unsubscription when the client goes away.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html
 */
import { eventsReady, subscribe, type BusEvent } from "@/lib/server/events";

const HEARTBEAT_MS = 20_000;

export function eventStreamResponse(
  request: Request,
  patterns: readonly string[],
  options: { filter?: (event: BusEvent) => boolean } = {},
): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribers = patterns.map((pattern) =>
        subscribe(pattern, (event) => {
          if (options.filter && !options.filter(event)) return;
          send(`event: ${event.topic}\ndata: ${JSON.stringify(event.payload)}\n\n`);
        }),
      );
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        for (const unsubscribe of unsubscribers.splice(0)) unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => cleanup(), { once: true });
      // "connected" only once events can flow, so a client that saw it misses nothing after it.
      await eventsReady().catch(() => {});
      send("retry: 3000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
