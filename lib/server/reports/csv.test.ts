import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csv", () => {
  it("quotes commas, quotes and newlines", () => {
    expect(csvCell('He said "hi", then left')).toBe('"He said ""hi"", then left"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises spreadsheet formulas in text but not negative numbers", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\")")).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+14155550199")).toBe("'+14155550199");
    expect(csvCell(-3)).toBe("-3");
  });

  it("renders a header and CRLF rows", () => {
    const csv = toCsv([{ a: 1, b: "x" }], [{ header: "A", value: (r) => r.a }, { header: "B", value: (r) => r.b }]);
    expect(csv).toBe("A,B\r\n1,x\r\n");
  });
});
