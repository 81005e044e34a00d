/**
 * Turns a <Gather> result into an IVR option: a pressed digit wins; otherwise the first option
 * whose keyword appears in the speech result (whole words, case- and accent-insensitive).
 */
import type { IvrOptionConfig } from "./ivr-config";

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();

export function matchIvrChoice(
  options: IvrOptionConfig[],
  input: { digits?: string; speech?: string },
): IvrOptionConfig | null {
  const digit = input.digits?.trim();
  if (digit) return options.find((o) => o.digit === digit) ?? null;
  const speech = input.speech ? ` ${fold(input.speech).replace(/[^\p{L}\p{N}]+/gu, " ")} ` : "";
  if (!speech.trim()) return null;
  for (const option of options) {
    for (const keyword of [...option.keywords, option.label]) {
      if (speech.includes(` ${fold(keyword)} `)) return option;
    }
  }
  return null;
}
