"use client";

import { useEffect, useRef, useState } from "react";
import { Input, Label } from "@/components/ui/input";
import { connectToRoom, describeVideoError, type ConnectedRoom, type VideoTokenAnswer } from "@/lib/video/connect-room";
import { PreJoin, type PreJoinTracks } from "./pre-join";
import { VideoRoom } from "./video-room";

type Admitted = VideoTokenAnswer & { status: "admitted"; room: string };
type Phase =
  | { kind: "prejoin" }
  | { kind: "waiting"; requestId: string; tracks: PreJoinTracks }
  | { kind: "room"; connected: ConnectedRoom; tracks: PreJoinTracks }
  | { kind: "ended"; title: string; body: string | null };

const POLL_MS = 1_500;

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function call<T>(url: string, body: unknown): Promise<T> {
  const answer = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), cache: "no-store" });
  const json = (await answer.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!answer.ok) throw new Error(json?.error?.message ?? "The request failed.");
  return json as T;
}

/** A guest with an invite link: name and devices, ask to join, wait to be admitted, then the room. */
export function GuestJoin({ token, suggestedName, subject }: { token: string; suggestedName: string; subject: string }) {
  const [name, setName] = useState(suggestedName);
  const [phase, setPhase] = useState<Phase>({ kind: "prejoin" });
  const [error, setError] = useState<string | null>(null);
  const key = useRef<string>("");

  async function ask(tracks: PreJoinTracks) {
    setError(null);
    key.current = randomKey();
    try {
      const answer = await call<{ requestId: string }>(`/api/join/${encodeURIComponent(token)}`, { displayName: name, key: key.current });
      setPhase({ kind: "waiting", requestId: answer.requestId, tracks });
    } catch (e) {
      tracks.audio?.stop();
      tracks.video?.stop();
      setError((e as Error).message);
    }
  }

  useEffect(() => {
    if (phase.kind !== "waiting") return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const answer = await call<{ status: string } | Admitted>(`/api/join/${encodeURIComponent(token)}/requests/${phase.requestId}`, { key: key.current });
        if (stopped) return;
        if (answer.status === "denied") {
          stopped = true;
          phase.tracks.audio?.stop();
          phase.tracks.video?.stop();
          setPhase({ kind: "ended", title: "The host did not let you in", body: "If you think this is a mistake, contact the person who invited you." });
        } else if (answer.status === "admitted") {
          stopped = true;
          const admitted = answer as Admitted;
          const connected = await connectToRoom(admitted, admitted.room, [phase.tracks.audio, phase.tracks.video].filter((t) => t !== null));
          setPhase({ kind: "room", connected, tracks: phase.tracks });
        }
      } catch (e) {
        stopped = true;
        phase.tracks.audio?.stop();
        phase.tracks.video?.stop();
        setPhase({ kind: "ended", title: "You cannot join right now", body: describeVideoError(e) });
      }
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [phase, token]);

  if (phase.kind === "room") {
    return <VideoRoom connected={phase.connected} initial={phase.tracks} onLeft={(reason) => setPhase({ kind: "ended", title: "You have left the inspection", body: reason })} />;
  }
  if (phase.kind === "ended") {
    return (
      <div className="mx-auto max-w-md space-y-2 py-10 text-center" data-testid="guest-ended">
        <h1 className="text-lg font-semibold">{phase.title}</h1>
        {phase.body ? <p className="text-sm text-slate-600">{phase.body}</p> : null}
      </div>
    );
  }
  if (phase.kind === "waiting") {
    return (
      <div className="mx-auto max-w-md space-y-2 py-10 text-center" data-testid="guest-waiting">
        <h1 className="text-lg font-semibold">Waiting for the host to let you in…</h1>
        <p className="text-sm text-slate-600">{subject}. Keep this page open; you will join as soon as you are admitted.</p>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {error ? <p role="alert" className="mx-auto max-w-xl rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</p> : null}
      <PreJoin actionLabel="Ask to join" onJoin={(tracks) => void ask(tracks)}>
        <div className="space-y-1">
          <Label htmlFor="guest-name">Your name</Label>
          <Input id="guest-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} autoComplete="name" />
        </div>
      </PreJoin>
    </div>
  );
}
