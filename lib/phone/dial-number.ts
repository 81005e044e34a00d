import { AsYouType, parsePhoneNumberFromString } from "libphonenumber-js";

/** Pretty-prints a number while the agent types it (national format for US numbers, international otherwise). */
export function formatAsYouType(input: string): string {
  return new AsYouType("US").input(input);
}

export type DialCheck = { ok: true; e164: string } | { ok: false; message: string };

/** Checks a typed number before dialing; the answer is an E.164 number or a message an agent can act on. */
export function checkDialNumber(input: string): DialCheck {
  const trimmed = input.trim();
  if (!trimmed) return { ok: false, message: "Enter a phone number to call." };
  if (/[a-z]/i.test(trimmed)) return { ok: false, message: "A phone number can only contain digits, spaces, dashes, parentheses and a leading +." };
  const parsed = parsePhoneNumberFromString(trimmed, "US");
  if (!parsed || !parsed.isValid()) {
    return { ok: false, message: `"${trimmed}" is not a valid phone number. Use a 10-digit US number or +country code and number, e.g. +44 20 7946 0958.` };
  }
  return { ok: true, e164: parsed.number };
}
