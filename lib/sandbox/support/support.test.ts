import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collectSupport, renderSupport } from "./render-support";

describe("SUPPORT.md", () => {
  it("is up to date with the modules' support rows (run npm run sandbox:support)", () => {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "SUPPORT.md");
    expect(fs.readFileSync(file, "utf-8")).toBe(renderSupport(collectSupport()));
  });

  it("lists every mounted module and marks what is not emulated", () => {
    const rows = collectSupport();
    expect([...new Set(rows.map((r) => r.module))]).toEqual(
      expect.arrayContaining(["control", "account", "voice", "messaging"]),
    );
    expect(rows.some((r) => r.status === "unsupported")).toBe(true);
    expect(
      rows.every((r) => r.area && ["supported", "partial", "unsupported"].includes(r.status)),
    ).toBe(true);
  });
});
