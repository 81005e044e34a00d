import { describe, expect, it } from "vitest";
import { isTypingTarget, matchShortcut, type KeyPress } from "./keyboard-shortcuts";

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: "BODY" },
  ...extra,
});

describe("matchShortcut", () => {
  it("maps the workspace keys", () => {
    expect(matchShortcut(press("a"))).toBe("answer");
    expect(matchShortcut(press("r"))).toBe("reject");
    expect(matchShortcut(press("h"))).toBe("hangup");
    expect(matchShortcut(press("m"))).toBe("mute");
    expect(matchShortcut(press("H", { shiftKey: true }))).toBe("hold");
    expect(matchShortcut(press("?", { shiftKey: true }))).toBe("help");
    expect(matchShortcut(press("x"))).toBeNull();
  });

  it("ignores key presses while the agent types", () => {
    expect(matchShortcut(press("h", { target: { tagName: "INPUT", type: "tel" } }))).toBeNull();
    expect(matchShortcut(press("m", { target: { tagName: "TEXTAREA" } }))).toBeNull();
    expect(matchShortcut(press("a", { target: { tagName: "SELECT" } }))).toBeNull();
    expect(matchShortcut(press("a", { target: { tagName: "DIV", isContentEditable: true } }))).toBeNull();
    // A focused button or checkbox is not typing.
    expect(matchShortcut(press("m", { target: { tagName: "BUTTON" } }))).toBe("mute");
    expect(matchShortcut(press("m", { target: { tagName: "INPUT", type: "checkbox" } }))).toBe("mute");
  });

  it("ignores browser chords, held keys and handled events", () => {
    expect(matchShortcut(press("a", { ctrlKey: true }))).toBeNull();
    expect(matchShortcut(press("m", { metaKey: true }))).toBeNull();
    expect(matchShortcut(press("h", { altKey: true }))).toBeNull();
    expect(matchShortcut(press("m", { repeat: true }))).toBeNull();
    expect(matchShortcut(press("m", { defaultPrevented: true }))).toBeNull();
  });
});

describe("isTypingTarget", () => {
  it("treats text inputs without a type as typing", () => {
    expect(isTypingTarget({ tagName: "input" })).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});
