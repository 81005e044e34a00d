"use client";

import { useCallback, useEffect, useState } from "react";
import type { LocalAudioTrack, LocalVideoTrack, RemoteParticipant, TwilioError } from "twilio-video";
import { Button } from "@/components/ui/button";
import { createCameraTrack, createScreenTrack, describeVideoError, type ConnectedRoom } from "@/lib/video/connect-room";
import { displayNameOf, isGuestIdentity } from "@/lib/video-identity";
import { ChatPanel, type ChatLine } from "./chat-panel";
import { WaitingRoom } from "./host-panel";
import { ParticipantTile } from "./participant-tile";
import type { RoomMessage } from "./room-messages";
import { ScreenTiles } from "./screen-tiles";
import { useRoomState } from "./use-room-state";

export interface HostOptions {
  inspectionId: string;
}

async function post(url: string, body?: unknown, method = "POST"): Promise<string | null> {
  const answer = await fetch(url, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (answer.ok) return null;
  return ((await answer.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? "That did not work.";
}

/** The in-room screen, the same for staff (host controls) and guests. */
export function VideoRoom({ connected, initial, host, onLeft }: { connected: ConnectedRoom; initial: { audio: LocalAudioTrack | null; video: LocalVideoTrack | null }; host?: HostOptions; onLeft: (reason: string | null) => void }) {
  const { room, dataTrack } = connected;
  const [audio] = useState(initial.audio);
  const [camera, setCamera] = useState(initial.video);
  const [micOn, setMicOn] = useState(initial.audio?.isEnabled ?? false);
  const [cameraOn, setCameraOn] = useState(initial.video?.isEnabled ?? false);
  const [facing, setFacing] = useState<"user" | "environment">("user");
  const [screen, setScreen] = useState<LocalVideoTrack | null>(null);
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [localVersion, setLocalVersion] = useState(0);

  const onMessage = useCallback((message: RoomMessage, from: RemoteParticipant) => {
    if (message.kind === "chat") setChat((lines) => [...lines, { id: message.id, from: displayNameOf(from.identity), text: message.text, self: false }]);
    if (message.kind === "mute" && message.target === room.localParticipant.sid && !isGuestIdentity(from.identity)) {
      audio?.disable();
      setMicOn(false);
      setNotice(`${displayNameOf(from.identity)} muted your microphone.`);
    }
  }, [room, audio]);
  const onDisconnected = useCallback((error: TwilioError | null) => onLeft(error ? describeVideoError(error) : null), [onLeft]);
  const state = useRoomState(room, { onMessage, onDisconnected });

  useEffect(() => () => {
    room.disconnect();
    for (const track of [audio, camera, screen]) track?.stop();
  }, [room]); // eslint-disable-line react-hooks/exhaustive-deps -- stop the tracks held when the room screen goes away

  function toggleMic() {
    if (!audio) return;
    if (audio.isEnabled) audio.disable();
    else audio.enable();
    setMicOn(audio.isEnabled);
  }

  function toggleCamera() {
    if (!camera) return;
    if (camera.isEnabled) camera.disable();
    else camera.enable();
    setCameraOn(camera.isEnabled);
  }

  async function flipCamera() {
    const next = facing === "user" ? "environment" : "user";
    try {
      const track = await createCameraTrack(undefined, next);
      if (camera) {
        room.localParticipant.unpublishTrack(camera);
        camera.stop();
      }
      await room.localParticipant.publishTrack(track);
      setCamera(track);
      setCameraOn(true);
      setFacing(next);
      setLocalVersion((v) => v + 1);
    } catch (error) {
      setNotice(describeVideoError(error));
    }
  }

  async function toggleScreen() {
    if (screen) {
      room.localParticipant.unpublishTrack(screen);
      screen.stop();
      setScreen(null);
      setLocalVersion((v) => v + 1);
      return;
    }
    try {
      const track = await createScreenTrack();
      track.mediaStreamTrack.addEventListener("ended", () => {
        room.localParticipant.unpublishTrack(track);
        setScreen(null);
        setLocalVersion((v) => v + 1);
      });
      await room.localParticipant.publishTrack(track);
      setScreen(track);
      setLocalVersion((v) => v + 1);
    } catch (error) {
      if ((error as { name?: string }).name !== "NotAllowedError") setNotice(describeVideoError(error));
    }
  }

  function sendChat(text: string) {
    const id = `${room.localParticipant.sid}-${Date.now()}`;
    dataTrack.send(JSON.stringify({ kind: "chat", id, text, at: new Date().toISOString() } satisfies RoomMessage));
    setChat((lines) => [...lines, { id, from: "You", text, self: true }]);
  }

  async function snapshot(video: HTMLVideoElement, name: string) {
    if (!host || video.videoWidth === 0) return setNotice("There is no video frame to capture yet.");
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")?.drawImage(video, 0, 0);
    const error = await post(`/api/inspections/${host.inspectionId}/snapshots`, { participant: name, image: canvas.toDataURL("image/jpeg", 0.85) });
    setNotice(error ?? `Snapshot of ${name} saved to the inspection.`);
  }

  const hostActions = (participant: RemoteParticipant) => host ? {
    onMute: () => dataTrack.send(JSON.stringify({ kind: "mute", target: participant.sid } satisfies RoomMessage)),
    onRemove: () => void post(`/api/inspections/${host.inspectionId}/participants/${participant.sid}`, undefined, "DELETE").then((e) => e && setNotice(e)),
    onSnapshot: (video: HTMLVideoElement, name: string) => void snapshot(video, name),
  } : undefined;

  const everyone = [room.localParticipant, ...state.participants];
  return (
    <div className="flex min-h-[calc(100dvh-2rem)] flex-col gap-3 lg:flex-row">
      <div className="flex flex-1 flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-600">{everyone.length} in the room</p>
          {state.isRecording ? <span data-testid="recording-indicator" className="rounded-full bg-red-600 px-3 py-1 text-xs font-semibold text-white">● Recording</span> : null}
        </div>
        {notice ? <p role="status" className="rounded-md bg-sky-50 p-2 text-sm text-sky-900">{notice}</p> : null}
        <ScreenTiles participants={everyone} version={state.version + localVersion} />
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {everyone.map((p) => (
            <ParticipantTile
              key={p.sid}
              participant={p}
              isLocal={p === room.localParticipant}
              isDominant={state.dominantSpeaker?.sid === p.sid}
              version={state.version + localVersion}
              actions={p === room.localParticipant ? (host ? { onSnapshot: (v, n) => void snapshot(v, n) } : undefined) : hostActions(p as RemoteParticipant)}
            />
          ))}
        </div>
        <div className="sticky bottom-0 flex flex-wrap justify-center gap-2 bg-slate-50/90 py-2 backdrop-blur">
          <Button variant={micOn ? "secondary" : "danger"} onClick={toggleMic} disabled={!audio}>{micOn ? "Mute" : "Unmute"}</Button>
          <Button variant={cameraOn ? "secondary" : "danger"} onClick={toggleCamera} disabled={!camera}>{cameraOn ? "Stop camera" : "Start camera"}</Button>
          <Button variant="secondary" onClick={() => void flipCamera()}>Switch camera</Button>
          <Button variant="secondary" onClick={() => void toggleScreen()}>{screen ? "Stop sharing" : "Share screen"}</Button>
          {host ? (
            <>
              <Button variant="secondary" onClick={() => void post(`/api/inspections/${host.inspectionId}/recording`, { recording: !state.isRecording }).then((e) => e && setNotice(e))}>
                {state.isRecording ? "Stop recording" : "Start recording"}
              </Button>
              <Button variant="danger" onClick={() => void post(`/api/inspections/${host.inspectionId}/end`).then((e) => e && setNotice(e))}>End for everyone</Button>
            </>
          ) : null}
          <Button variant="ghost" onClick={() => { room.disconnect(); }}>Leave</Button>
        </div>
      </div>
      <aside className="flex w-full flex-col gap-3 lg:w-80">
        {host ? <WaitingRoom inspectionId={host.inspectionId} /> : null}
        <ChatPanel lines={chat} onSend={sendChat} />
      </aside>
    </div>
  );
}
