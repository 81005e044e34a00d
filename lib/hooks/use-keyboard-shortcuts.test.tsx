// @vitest-environment happy-dom
import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useKeyboardShortcuts } from "./use-keyboard-shortcuts";

function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("useKeyboardShortcuts", () => {
  it("runs the handler for a shortcut key and marks the event handled", () => {
    const mute = vi.fn();
    renderHook(() => useKeyboardShortcuts({ mute }));
    const event = press("m");
    expect(mute).toHaveBeenCalledTimes(1);
    expect(event.defaultPrevented).toBe(true);
  });

  it("ignores key presses while the agent types in a field", () => {
    const hangup = vi.fn();
    renderHook(() => useKeyboardShortcuts({ hangup }));
    const input = document.createElement("input");
    const textarea = document.createElement("textarea");
    document.body.append(input, textarea);
    const event = press("h", input);
    press("h", textarea);
    expect(hangup).not.toHaveBeenCalled();
    expect(event.defaultPrevented).toBe(false);
  });

  it("uses the latest handlers, skips missing ones and stops on unmount", () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender, unmount } = renderHook(({ h }: { h: () => void }) => useKeyboardShortcuts({ answer: h, reject: null }), { initialProps: { h: first } });
    rerender({ h: second });
    press("a");
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(press("r").defaultPrevented).toBe(false);
    unmount();
    press("a");
    expect(second).toHaveBeenCalledTimes(1);
  });
});
