/**
 * The agent workspace's keyboard shortcuts: one table for the handlers and the help overlay, and
 * the rules for when a key press counts (never while the agent types in a field).
 */
export type ShortcutId = "answer" | "reject" | "hangup" | "mute" | "hold" | "help";

export interface ShortcutSpec {
  id: ShortcutId;
  key: string;
  shift: boolean;
  /** How the overlay writes the key. */
  label: string;
  description: string;
}

export const AGENT_SHORTCUTS: readonly ShortcutSpec[] = [
  { id: "answer", key: "a", shift: false, label: "A", description: "Answer the incoming call or task" },
  { id: "reject", key: "r", shift: false, label: "R", description: "Reject the incoming call or task" },
  { id: "hangup", key: "h", shift: false, label: "H", description: "Hang up" },
  { id: "mute", key: "m", shift: false, label: "M", description: "Mute or unmute" },
  { id: "hold", key: "h", shift: true, label: "Shift + H", description: "Hold or resume" },
  { id: "help", key: "?", shift: true, label: "?", description: "Show or hide these shortcuts" },
];

/** The parts of a KeyboardEvent the matcher reads. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  defaultPrevented?: boolean;
  target: unknown;
}

const TYPING_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const NON_TEXT_INPUTS = new Set(["button", "checkbox", "radio", "submit", "reset", "range", "color", "file", "image"]);

/** Whether a key press lands in a place where the agent types (fields, selects, contenteditable). */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== "object") return false;
  const el = target as { tagName?: string; type?: string; isContentEditable?: boolean };
  if (el.isContentEditable) return true;
  const tag = el.tagName?.toUpperCase();
  if (!tag || !TYPING_TAGS.has(tag)) return false;
  return tag !== "INPUT" || !NON_TEXT_INPUTS.has((el.type ?? "text").toLowerCase());
}

/** The shortcut a key press means, or null (modifier chords, held keys and typing never match). */
export function matchShortcut(press: KeyPress, shortcuts: readonly ShortcutSpec[] = AGENT_SHORTCUTS): ShortcutId | null {
  if (press.defaultPrevented || press.repeat || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (isTypingTarget(press.target)) return null;
  const key = press.key.toLowerCase();
  // "?" is Shift+/ on most layouts; the key value already says "?".
  const found = shortcuts.find((s) => s.key === key && (s.key === "?" || s.shift === press.shiftKey));
  return found?.id ?? null;
}
