"use client";

import { useEffect, useRef } from "react";

/**
 * Rings (a local audio file, looped) while work is offered, and shows a browser notification when
 * the tab is hidden and the agent allowed notifications.
 */
export function IncomingAlert({ active, title, body }: { active: boolean; title: string; body: string }) {
  const audio = useRef<HTMLAudioElement>(null);
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
