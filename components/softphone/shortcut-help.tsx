"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { AGENT_SHORTCUTS } from "@/lib/hooks/keyboard-shortcuts";
import { useKeyboardShortcuts } from "@/lib/hooks/use-keyboard-shortcuts";

/** The "?" overlay listing the workspace's keyboard shortcuts, and a button that opens it. */
export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useKeyboardShortcuts({
    help: () => {
      if (!open) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setOpen((v) => !v);
    },
  });

  useEffect(() => {
    if (!open) {
      opener.current?.focus();
      return;
    }
    closeRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [open]);

  return (
    <>
      <Button
        variant="ghost"
        size="sm"
        aria-keyshortcuts="?"
        onClick={(event) => {
          opener.current = event.currentTarget;
          setOpen(true);
        }}
      >
        Keyboard shortcuts <kbd className="rounded bg-slate-100 px-1.5 text-xs text-slate-600 ring-1 ring-slate-300">?</kbd>
      </Button>
      {open ? (
        <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onClick={() => setOpen(false)}>
          <div
            role="dialog"
            aria-modal="true"
            aria-labelledby="shortcut-help-title"
            className="w-full max-w-sm rounded-lg bg-white p-5 shadow-xl"
            onClick={(event) => event.stopPropagation()}
          >
            <div className="flex items-center justify-between">
              <h2 id="shortcut-help-title" className="text-lg font-semibold text-slate-900">
                Keyboard shortcuts
              </h2>
              <button
                ref={closeRef}
                type="button"
                aria-label="Close keyboard shortcuts"
                className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100"
                onClick={() => setOpen(false)}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </div>
            <p className="mt-1 text-sm text-slate-600">They don&apos;t fire while you type in a field.</p>
            <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              {AGENT_SHORTCUTS.map((s) => (
                <div key={s.id} className="contents">
                  <dt>
                    <kbd className="rounded bg-slate-100 px-2 py-0.5 font-mono text-slate-800 ring-1 ring-slate-300">{s.label}</kbd>
                  </dt>
                  <dd className="text-slate-700">{s.description}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      ) : null}
    </>
  );
}
