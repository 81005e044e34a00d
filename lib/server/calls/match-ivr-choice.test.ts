import { describe, expect, it } from "vitest";
import type { IvrOptionConfig } from "./ivr-config";
import { matchIvrChoice } from "./match-ivr-choice";

const options: IvrOptionConfig[] = [
  { digit: "1", label: "Sales", keywords: ["sales", "buy", "ventas"], action: "QUEUE", queue: null },
  { digit: "2", label: "Support", keywords: ["support", "soporte", "ayuda"], action: "QUEUE", queue: null },
  { digit: "5", label: "Request a callback", keywords: ["callback", "call back", "call me"], action: "CALLBACK", queue: null },
];

describe("matchIvrChoice", () => {
  it("prefers the pressed digit and rejects unknown digits", () => {
    expect(matchIvrChoice(options, { digits: "2", speech: "sales" })?.digit).toBe("2");
    expect(matchIvrChoice(options, { digits: "7" })).toBeNull();
  });

  it("matches spoken keywords as whole words, ignoring case, accents and punctuation", () => {
    expect(matchIvrChoice(options, { speech: "I want to BUY something." })?.digit).toBe("1");
    expect(matchIvrChoice(options, { speech: "Necesito ayúda" })?.digit).toBe("2");
    expect(matchIvrChoice(options, { speech: "please call me back" })?.digit).toBe("5");
    expect(matchIvrChoice(options, { speech: "salesforce" })).toBeNull();
    expect(matchIvrChoice(options, { speech: "" })).toBeNull();
    expect(matchIvrChoice(options, {})).toBeNull();
  });
});
