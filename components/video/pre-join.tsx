"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { LocalAudioTrack, LocalVideoTrack } from "twilio-video";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createCameraTrack, createMicrophoneTrack, describeVideoError } from "@/lib/video/connect-room";

export interface PreJoinTracks {
  audio: LocalAudioTrack | null;
  video: LocalVideoTrack | null;
}

/**
 * Camera and microphone preview with device selection before joining. Permission problems and
 * missing devices are explained; the person can still join with whatever works.
 */
export function PreJoin({ actionLabel, busy, onJoin, children }: { actionLabel: string; busy?: boolean; onJoin: (tracks: PreJoinTracks) => void; children?: React.ReactNode }) {
  const [tracks, setTracks] = useState<PreJoinTracks>({ audio: null, video: null });
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [videoError, setVideoError] = useState<string | null>(null);
  const [audioError, setAudioError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const videoRef = useRef<HTMLVideoElement>(null);
  const handedOver = useRef(false);
  const current = useRef(tracks);
  useEffect(() => {
    current.current = tracks;
  }, [tracks]);

  const refreshDevices = useCallback(async () => {
    setDevices(await navigator.mediaDevices.enumerateDevices().catch(() => []));
  }, []);

  const openCamera = useCallback(async (deviceId?: string) => {
    current.current.video?.stop();
    try {
      const video = await createCameraTrack(deviceId);
      setTracks((t) => ({ ...t, video }));
      setVideoError(null);
    } catch (error) {
      setTracks((t) => ({ ...t, video: null }));
      setVideoError(describeVideoError(error));
    }
  }, []);

  const openMicrophone = useCallback(async (deviceId?: string) => {
    current.current.audio?.stop();
    try {
      const audio = await createMicrophoneTrack(deviceId);
      setTracks((t) => ({ ...t, audio }));
      setAudioError(null);
    } catch (error) {
      setTracks((t) => ({ ...t, audio: null }));
      setAudioError(describeVideoError(error));
    }
  }, []);

  useEffect(() => {
    const supported = Boolean(navigator.mediaDevices?.getUserMedia);
    void (async () => {
      await Promise.resolve();
      if (!supported) {
        setVideoError("This browser cannot use a camera here. Open the link in a current browser (Chrome, Safari, Firefox or Edge) over https.");
        setLoading(false);
        return;
      }
      await Promise.all([openCamera(), openMicrophone()]);
      await refreshDevices();
      setLoading(false);
    })();
    if (supported) navigator.mediaDevices.addEventListener("devicechange", refreshDevices);
    return () => {
      if (supported) navigator.mediaDevices.removeEventListener("devicechange", refreshDevices);
      if (!handedOver.current) {
        current.current.video?.stop();
        current.current.audio?.stop();
      }
    };
  }, [openCamera, openMicrophone, refreshDevices]);

  useEffect(() => {
    const el = videoRef.current;
    if (!el || !tracks.video) return;
    tracks.video.attach(el);
    return () => void tracks.video?.detach(el);
  }, [tracks.video]);

  const cameras = devices.filter((d) => d.kind === "videoinput");
  const microphones = devices.filter((d) => d.kind === "audioinput");
  const cameraId = tracks.video?.mediaStreamTrack.getSettings().deviceId ?? "";
  const microphoneId = tracks.audio?.mediaStreamTrack.getSettings().deviceId ?? "";

  return (
    <div className="mx-auto w-full max-w-xl space-y-4">
      <div className="relative aspect-video overflow-hidden rounded-lg bg-slate-900">
        {tracks.video ? (
          <video ref={videoRef} data-testid="prejoin-preview" muted playsInline autoPlay className="h-full w-full -scale-x-100 object-cover" />
        ) : (
          <div className="flex h-full items-center justify-center p-6 text-center text-sm text-slate-300">{loading ? "Starting your camera…" : "Camera off"}</div>
        )}
      </div>
      {videoError ? <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">Camera: {videoError}</p> : null}
      {audioError ? <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">Microphone: {audioError}</p> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <Label htmlFor="prejoin-camera">Camera</Label>
          <Select id="prejoin-camera" value={cameraId} onChange={(e) => void openCamera(e.target.value)} disabled={cameras.length === 0}>
            {cameras.length === 0 ? <option value="">No camera found</option> : null}
            {cameras.map((d, i) => <option key={d.deviceId || i} value={d.deviceId}>{d.label || `Camera ${i + 1}`}</option>)}
          </Select>
        </div>
        <div className="space-y-1">
          <Label htmlFor="prejoin-microphone">Microphone</Label>
          <Select id="prejoin-microphone" value={microphoneId} onChange={(e) => void openMicrophone(e.target.value)} disabled={microphones.length === 0}>
            {microphones.length === 0 ? <option value="">No microphone found</option> : null}
            {microphones.map((d, i) => <option key={d.deviceId || i} value={d.deviceId}>{d.label || `Microphone ${i + 1}`}</option>)}
          </Select>
        </div>
      </div>
      {(videoError || audioError) && !loading ? (
        <Button variant="secondary" onClick={() => { if (videoError) void openCamera(); if (audioError) void openMicrophone(); }}>Try again</Button>
      ) : null}
      {children}
      <Button
        size="lg"
        className="w-full"
        disabled={loading || busy}
        onClick={() => {
          handedOver.current = true;
          onJoin(tracks);
        }}
      >
        {actionLabel}
      </Button>
    </div>
  );
}
