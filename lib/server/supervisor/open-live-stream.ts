import "server-only";
import { env } from "@/lib/env";
import { openEventStream } from "@/lib/server/http/event-stream";
import type { Logger } from "@/lib/server/logger";
import { getLiveHub, type LiveFrame } from "./live-hub";

/** EventSource waits this long before reconnecting after a drop. */
const RETRY_MS = 1_000;
/** Frames a slow client may have queued before we skip intermediate ones (each snapshot is complete). */
const MAX_QUEUED = 4;

/**
 * A `text/event-stream` response fed by the live hub until the client goes away. Streams do not
 * live forever (LIVE_STREAM_MAX_SECONDS): the browser reconnects at once (Last-Event-ID), which
 * re-checks the session and role and lets a load balancer spread streams again.
 */
export async function openLiveStream(request: Request, log: Logger): Promise<Response> {
  const resumedFrom = request.headers.get("last-event-id");
  return openEventStream({
    request,
    heartbeatMs: 15_000,
    maxAgeMs: env.LIVE_STREAM_MAX_SECONDS * 1000,
    async start({ send, backlog }) {
      let lastId: string | null = null;
      const onFrame = (frame: LiveFrame) => {
        // Nothing before the first snapshot below, and never the same snapshot twice.
        if (lastId === null || frame.id === lastId || backlog() < -MAX_QUEUED) return;
        lastId = frame.id;
        send(frame.text);
      };
      const { frame, detach } = await getLiveHub().attach(onFrame);
      send(`retry: ${RETRY_MS}\n\n`);
      // Whether this is a first connection or a resume, the current snapshot brings the
      // client up to date; it is also the one event after which nothing was missed.
      lastId = frame.id;
      send(frame.text);
      if (resumedFrom) log.debug({ resumedFrom, now: frame.id }, "live stream resumed");
      return detach;
    },
  });
}
