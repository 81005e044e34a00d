import { describe, expect, it } from "vitest";
import { queueTargetMatcher } from "./queue-targets";

describe("queueTargetMatcher", () => {
  it("matches a single skill", () => {
    const m = queueTargetMatcher("skills HAS 'support'");
    expect(m(["support", "sales"])).toBe(true);
    expect(m(["sales"])).toBe(false);
  });

  it("treats 1==1 as everyone", () => {
    expect(queueTargetMatcher("1==1")([])).toBe(true);
  });

  it("combines OR and AND clauses", () => {
    const m = queueTargetMatcher("skills HAS 'sales' OR ('es' IN skills AND skills HAS 'support')");
    expect(m(["sales"])).toBe(true);
    expect(m(["support"])).toBe(false);
    expect(m(["support", "es"])).toBe(true);
  });

  it("counts everyone for an expression it does not understand", () => {
    expect(queueTargetMatcher("languages HAS 'fr'")(["sales"])).toBe(true);
  });
});
