"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { connectToRoom, describeVideoError, type ConnectedRoom, type VideoTokenAnswer } from "@/lib/video/connect-room";
import { PreJoin, type PreJoinTracks } from "./pre-join";
import { VideoRoom } from "./video-room";

type Phase = { kind: "prejoin" } | { kind: "connecting" } | { kind: "room"; connected: ConnectedRoom; tracks: PreJoinTracks } | { kind: "left"; reason: string | null };

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(body?.error?.message ?? "The request failed.");
  return body as T;
}

/** Staff join the inspection room as host: open the room, get a room-scoped token, connect. */
export function StaffRoom({ inspectionId }: { inspectionId: string }) {
  const [phase, setPhase] = useState<Phase>({ kind: "prejoin" });
  const [error, setError] = useState<string | null>(null);

  async function join(tracks: PreJoinTracks) {
    setPhase({ kind: "connecting" });
    setError(null);
    try {
      const { room } = await json<{ room: string }>(await fetch(`/api/inspections/${inspectionId}/start`, { method: "POST" }));
      const answer = await json<VideoTokenAnswer>(await fetch("/api/tokens/video", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ room }) }));
      const connected = await connectToRoom(answer, room, [tracks.audio, tracks.video].filter((t) => t !== null));
      setPhase({ kind: "room", connected, tracks });
    } catch (e) {
      tracks.audio?.stop();
      tracks.video?.stop();
      setError(describeVideoError(e));
      setPhase({ kind: "prejoin" });
    }
  }

  if (phase.kind === "room") {
    return <VideoRoom connected={phase.connected} initial={phase.tracks} host={{ inspectionId }} onLeft={(reason) => setPhase({ kind: "left", reason })} />;
  }
  if (phase.kind === "left") {
    return (
      <div className="mx-auto max-w-md space-y-3 py-10 text-center">
        <p className="text-lg font-semibold" data-testid="left-room">You left the inspection room.</p>
        {phase.reason ? <p className="text-sm text-slate-600">{phase.reason}</p> : null}
        <div className="flex justify-center gap-2">
          <Button onClick={() => setPhase({ kind: "prejoin" })}>Rejoin</Button>
          <Link href={`/rooms/${inspectionId}`} className="inline-flex h-10 items-center rounded-md px-4 text-sm font-medium text-brand-700 hover:bg-slate-100">Back to the inspection</Link>
        </div>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {error ? <p role="alert" className="mx-auto max-w-xl rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</p> : null}
      <PreJoin actionLabel={phase.kind === "connecting" ? "Joining…" : "Join as host"} busy={phase.kind === "connecting"} onJoin={(t) => void join(t)} />
    </div>
  );
}
