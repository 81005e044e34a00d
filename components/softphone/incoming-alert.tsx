"use client";

import { useEffect, useRef } from "react";
import { useAudioDevices } from "@/lib/hooks/use-audio-devices";
import { routeTo } from "./speaker-test";

/**
 * Rings (a local audio file, looped, on the chosen ringtone output) while work is offered, and shows a browser notification when
 * the tab is hidden and the agent allowed notifications.
 */
export function IncomingAlert({ active, title, body }: { active: boolean; title: string; body: string }) {
  const audio = useRef<HTMLAudioElement>(null);
  // The ring plays on the agent's chosen ringtone output (the SDK's own incoming sound is off).
  const ringtone = useAudioDevices()?.ringtone ?? "default";
  useEffect(() => {
    if (audio.current) void routeTo(audio.current, ringtone).catch(() => undefined);
  }, [ringtone]);
  useEffect(() => {
    const element = audio.current;
    if (!element) return;
    if (active) {
      element.currentTime = 0;
      // Autoplay can be refused before the first click on the page; the card still shows.
      void element.play().catch(() => undefined);
    } else element.pause();
  }, [active]);
  useEffect(() => {
    if (!active || typeof Notification === "undefined" || Notification.permission !== "granted" || document.visibilityState !== "hidden") return;
    const notification = new Notification(title, { body, tag: "switchboard-incoming", requireInteraction: true });
    notification.onclick = () => {
      window.focus();
      notification.close();
    };
    return () => notification.close();
  }, [active, title, body]);
  return <audio ref={audio} src="/sounds/ringtone.wav" loop preload="auto" data-testid="ringtone" aria-hidden="true" />;
}
