"use client";

import { useEffect, useRef } from "react";
import { matchShortcut, type ShortcutId } from "./keyboard-shortcuts";

export type ShortcutHandlers = Partial<Record<ShortcutId, (() => void) | null>>;

/** Runs the handler of each workspace shortcut pressed while this component is mounted (see keyboard-shortcuts.ts). */
export function useKeyboardShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const id = matchShortcut(event);
      const handler = id ? latest.current[id] : null;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
