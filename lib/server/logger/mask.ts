/**
 * Masking of personal data before it reaches a log line: phone numbers keep their country-code
 * prefix and last two digits, message bodies and secrets are replaced by their length.
 */

// A "+" or digit, then at least 7 more digits possibly separated by spaces, dots, dashes or
// parentheses. Long enough not to catch SIDs' hex, ports, durations or years.
const PHONE_PATTERN = /(?<![\w/])\+?\d[\d\s().-]{6,}\d(?![\w])/g;

const BODY_KEYS = new Set(["body", "Body", "text", "SpeechResult", "UnstableSpeechResult", "transcription", "TranscriptionText", "notes"]);
const SECRET_KEYS = /(password|passwordhash|secret|token|authorization|cookie|signature)$/i;

export function maskPhone(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  if (digits.length < 7) return raw;
  const plus = raw.trim().startsWith("+") ? "+" : "";
  const head = digits.slice(0, Math.min(2, digits.length - 4));
  return `${plus}${head}${"•".repeat(digits.length - head.length - 2)}${digits.slice(-2)}`;
}

/** Masks every phone-number-looking run inside free text. */
export function maskText(text: string): string {
  return text.replace(PHONE_PATTERN, (match) => maskPhone(match));
}

/** Deep copy of a log payload with phones, bodies and secrets masked. */
export function maskValue(value: unknown, key?: string, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (key && SECRET_KEYS.test(key) && value != null) return "[redacted]";
  if (typeof value === "string") {
    if (key && BODY_KEYS.has(key)) return `[${value.length} chars]`;
    return maskText(value);
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v, key, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: maskText(value.message), stack: value.stack && maskText(value.stack) };
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskValue(v, k, depth + 1);
    return out;
  }
  return value;
}
