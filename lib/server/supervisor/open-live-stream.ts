import "server-only";
import { env } from "@/lib/env";
import type { Logger } from "@/lib/server/logger";
import { getLiveHub, type LiveFrame } from "./live-hub";

const HEARTBEAT_MS = 15_000;
/** EventSource waits this long before reconnecting after a drop. */
const RETRY_MS = 1_000;
/** Frames a slow client may have queued before we skip intermediate ones (each snapshot is complete). */
const MAX_QUEUED = 4;

/** A `text/event-stream` response fed by the live hub until the client goes away. */
export async function openLiveStream(request: Request, log: Logger): Promise<Response> {
  const encoder = new TextEncoder();
  const resumedFrom = request.headers.get("last-event-id");
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        let closed = false;
        let lastId: string | null = null;
        const send = (text: string) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            cleanup();
          }
        };
        const onFrame = (frame: LiveFrame) => {
          // Nothing before the first snapshot below, and never the same snapshot twice.
          if (lastId === null || frame.id === lastId || (controller.desiredSize ?? 0) < -MAX_QUEUED) return;
          lastId = frame.id;
          send(frame.text);
        };
        const { frame, detach } = await getLiveHub().attach(onFrame);
        const heartbeat = setInterval(() => send(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
        // Streams do not live forever: the browser reconnects at once (Last-Event-ID), which
        // re-checks the session and role and lets a load balancer spread streams again.
        const maxAge = setTimeout(() => cleanup(), env.LIVE_STREAM_MAX_SECONDS * 1000);
        cleanup = () => {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          clearTimeout(maxAge);
          detach();
          request.signal.removeEventListener("abort", cleanup);
          try {
            controller.close();
          } catch {
            // already closed by the runtime
          }
        };
        request.signal.addEventListener("abort", cleanup);
        if (request.signal.aborted) return cleanup();
        send(`retry: ${RETRY_MS}\n\n`);
        // Whether this is a first connection or a resume, the current snapshot brings the
        // client up to date; it is also the one event after which nothing was missed.
        lastId = frame.id;
        send(frame.text);
        if (resumedFrom) log.debug({ resumedFrom, now: frame.id }, "live stream resumed");
      },
      cancel() {
        cleanup();
      },
    },
    { highWaterMark: 1 },
  );

  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
