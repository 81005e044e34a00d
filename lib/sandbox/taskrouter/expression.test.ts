import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  attributesResolver,
  evaluate,
  explain,
  ExpressionError,
  parseExpression,
  validateExpression,
  type Resolver,
} from "./expression";

const docTask = {
  string_const: "foo",
  object: { array: ["a", "b", "c"], attr: "bar", param: "pear" },
  type: "ticket",
  customer_value: "Gold",
  language: "en",
  skill_rating: 6,
  key: 2,
  condition_a: false,
  condition_b: true,
  required_language: "es",
  requested_agent: "agent-7",
  nothing: null,
};

const on = (document: unknown) => attributesResolver(document);
const is = (expression: string, document: unknown = docTask) => evaluate(expression, on(document));

describe("expression grammar: the contract's and Twilio docs' examples", () => {
  it.each([
    ["1 == 1", true],
    ["0 != 1", true],
    ['"apple" != "orange"', true],
    ["key > 1", true],
    ['object.param != "apple"', true],
    ['language IN ["en", "es"]', true],
    ["(condition_a == true) OR (condition_b == true)", true],
    ['(language == "en" OR language == "fr") AND skill_rating >= 5.1', true],
    ["type == 'ticket' AND customer_value == 'Gold'", true],
    ["customer_value IN ['Silver','Bronze'] AND type == 'ticket'", false],
    ["string_const == 'foo'", true],
    ["object.array HAS 'b'", true],
    ["object.array[2] == 'c'", true],
    ["object.attr == 'bar'", true],
  ])("%s → %s on the docs' task", (expression, expected) => {
    expect(is(expression)).toBe(expected);
  });

  it("(skills HAS 'support') AND (languages HAS 'english') on workers", () => {
    const expression = "(skills HAS 'support') AND (languages HAS 'english')";
    expect(is(expression, { skills: ["support", "sales"], languages: ["english"] })).toBe(true);
    expect(is(expression, { skills: ["sales"], languages: ["english"] })).toBe(false);
  });

  it("task./worker. target expressions: equality, IN an array attribute, activity name", () => {
    const resolver =
      (task: unknown, worker: unknown, activityName: string): Resolver =>
      (p) => {
        if (p[0] === "task") return attributesResolver(task)(p.slice(1));
        if (p[0] === "worker" && p[1] === "activity_name" && p.length === 2) return activityName;
        return attributesResolver(worker)(p.slice(1));
      };
    const r = resolver(
      { requested_agent: "agent-7", required_language: "es" },
      { agent_id: "agent-7", spoken_languages: ["en", "es"] },
      "High Value Tasks",
    );
    expect(evaluate("task.requested_agent == worker.agent_id", r)).toBe(true);
    expect(evaluate("task.required_language IN worker.spoken_languages", r)).toBe(true);
    expect(evaluate("worker.activity_name in ['Generally Available','High Value Tasks']", r)).toBe(
      true,
    );
    const other = resolver(
      { requested_agent: "agent-8", required_language: "fr" },
      { agent_id: "agent-7", spoken_languages: ["en", "es"] },
      "Available",
    );
    expect(evaluate("task.requested_agent == worker.agent_id", other)).toBe(false);
    expect(evaluate("task.required_language IN worker.spoken_languages", other)).toBe(false);
    expect(
      evaluate("worker.activity_name in ['Generally Available','High Value Tasks']", other),
    ).toBe(false);
  });

  it("skip_if counters: workers.available == 0, 1==1, workers.WA… < 2 OR …", () => {
    const wa = `WA${"1".repeat(32)}`;
    const wb = `WA${"2".repeat(32)}`;
    const counts: Resolver = (p) =>
      ({ available: 0, unavailable: 3, [wa]: 1, [wb]: 5 })[p[1] as string];
    expect(evaluate(validateExpression("workers.available == 0", "skip_if"), counts)).toBe(true);
    expect(evaluate(validateExpression("1==1", "skip_if"), counts)).toBe(true);
    expect(
      evaluate(validateExpression(`workers.${wa} < 2 OR workers.${wb} < 2`, "skip_if"), counts),
    ).toBe(true);
    expect(evaluate(validateExpression(`workers.${wb} < 2`, "skip_if"), counts)).toBe(false);
  });
});

describe("operators", () => {
  const doc = { n: 5, s: "support desk", b: true, list: ["a", "b"], nested: { deep: [{ x: 1 }] } };
  it.each([
    ["n == 5", true],
    ["n == 6", false],
    ["n != 6", true],
    ["n != 5", false],
    ["n > 4", true],
    ["n > 5", false],
    ["n >= 5", true],
    ["n >= 6", false],
    ["n < 6", true],
    ["n < 5", false],
    ["n <= 5", true],
    ["n <= 4", false],
    ["s CONTAINS 'port'", true],
    ["s CONTAINS 'sales'", false],
    ["list HAS 'a'", true],
    ["list HAS 'z'", false],
    ["'a' IN list", true],
    ["'z' IN list", false],
    ["'z' NOT IN list", true],
    ["'a' NOT IN list", false],
    ["b == true", true],
    ["b == false", false],
    ["n == 5 AND b == true", true],
    ["n == 6 AND b == true", false],
    ["n == 6 OR b == true", true],
    ["n == 6 OR b == false", false],
    ["nested.deep[0].x == 1", true],
    ["-1 < n", true],
    ["'apple' < 'banana'", true],
  ])("%s → %s", (expression, expected) => {
    expect(is(expression, doc)).toBe(expected);
  });

  it("AND binds tighter than OR; parentheses override", () => {
    const doc2 = { a: 1, b: 0, c: 0 };
    expect(is("a == 1 OR b == 1 AND c == 1", doc2)).toBe(true);
    expect(is("(a == 1 OR b == 1) AND c == 1", doc2)).toBe(false);
  });

  it("scalar operators on arrays and array operators on scalars are false", () => {
    const doc2 = { list: ["a"], s: "a" };
    expect(is("list == 'a'", doc2)).toBe(false);
    expect(is("list != 'a'", doc2)).toBe(false);
    expect(is("list CONTAINS 'a'", doc2)).toBe(false);
    expect(is("s HAS 'a'", doc2)).toBe(false);
    expect(is("'a' IN s", doc2)).toBe(false);
    expect(is("'a' NOT IN s", doc2)).toBe(false);
    expect(is("list IN ['a']", doc2)).toBe(false);
  });

  it("values of different types are never equal nor ordered", () => {
    const doc2 = { n: 1, s: "1" };
    expect(is("n == '1'", doc2)).toBe(false);
    expect(is("s == 1", doc2)).toBe(false);
    expect(is("n != '1'", doc2)).toBe(false);
    expect(is("s > 0", doc2)).toBe(false);
  });
});

describe("NULLs", () => {
  it("a missing key resolves to NULL and every comparison with it is false", () => {
    for (const expression of [
      "missing == 'x'",
      "missing != 'x'",
      "missing > 1",
      "missing <= 1",
      "missing CONTAINS 'x'",
      "missing HAS 'x'",
      "missing IN ['x']",
      "missing NOT IN ['x']",
      "'x' IN missing",
      "object.missing.deeper == 1",
      "object.array[9] == 'a'",
      "nothing == 'x'",
    ]) {
      expect(is(expression), expression).toBe(false);
    }
  });

  it("the null constant tests presence", () => {
    expect(is("missing == null")).toBe(true);
    expect(is("missing != null")).toBe(false);
    expect(is("language != null")).toBe(true);
    expect(is("nothing == NULL")).toBe(true);
  });

  it("indexing a non-array or keying into an array is NULL", () => {
    expect(is("string_const[0] == 'f'")).toBe(false);
    expect(is("object.array.length == 3")).toBe(false);
  });
});

describe("keywords are case-insensitive", () => {
  it.each([
    "language in ['en']",
    "language In ['en']",
    "language not in ['fr']",
    "language NoT   In ['fr']",
    "object.array has 'a'",
    "object.array Has 'a'",
    "string_const contains 'oo'",
    "type == 'ticket' and key == 2",
    "type == 'nope' Or key == 2",
    "condition_b == TRUE",
    "condition_a == False",
    "missing == Null",
  ])("%s", (expression) => {
    expect(is(expression)).toBe(true);
  });

  it("attribute names stay case-sensitive and may start like a keyword", () => {
    expect(is("Language == 'en'")).toBe(false);
    expect(is("android == 1", { android: 1 })).toBe(true);
    expect(is("order_count > 1 and india == true", { order_count: 2, india: true })).toBe(true);
  });
});

describe("syntax errors say where", () => {
  const errorOf = (expression: string) => {
    try {
      parseExpression(expression);
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      return error as ExpressionError;
    }
    throw new Error(`no error for ${expression}`);
  };

  it("hyphens are not supported, with a hint", () => {
    const error = errorOf("skill-level == 1");
    expect(error.location).toMatchObject({ offset: 5, line: 1, column: 6 });
    expect(error.message).toMatch(/line 1, column 6/);
    expect(error.message).toMatch(/Hyphens are not supported/);
  });

  it("a missing right operand is reported at the end", () => {
    const error = errorOf("language ==");
    expect(error.message).toMatch(/at the end of the expression/);
    expect(error.location?.offset).toBe(11);
  });

  it("unbalanced parentheses, unterminated strings, stray words, NOTIN, multi-line positions", () => {
    expect(errorOf("(a == 1").message).toMatch(/"\)"/);
    expect(errorOf("a == 'x").location?.offset).toBe(5);
    expect(errorOf("a == 1 b == 2").location?.column).toBe(8);
    expect(errorOf("a NOTIN ['x']").location?.column).toBe(3);
    const multiline = errorOf("a == 1 AND\n  b === 2");
    expect(multiline.location).toMatchObject({ line: 2, column: 7 });
    expect(errorOf("").message).toMatch(/empty/);
    expect(errorOf("a == [b]").location?.column).toBe(6);
  });

  it("a bare value is not an expression", () => {
    expect(() => parseExpression("true")).toThrow(ExpressionError);
    expect(() => parseExpression("skills")).toThrow(ExpressionError);
  });
});

describe("validateExpression per use", () => {
  it("target expressions need task. or worker. prefixes", () => {
    expect(() => validateExpression("task.a == worker.b", "target")).not.toThrow();
    expect(() => validateExpression("task.a == b", "target")).toThrow(
      /"b" at line 1, column 11 must be prefixed/,
    );
  });

  it("skip_if only knows workers.available, workers.unavailable and workers.<ActivitySid>", () => {
    expect(() =>
      validateExpression("workers.available == 0 OR workers.unavailable > 3", "skip_if"),
    ).not.toThrow();
    expect(() => validateExpression("workers.busy == 0", "skip_if")).toThrow(
      /not one of workers.available/,
    );
    expect(() => validateExpression("available == 0", "skip_if")).toThrow(/skip_if/);
  });
});

describe("explain() says which clause failed and why", () => {
  it("names the failing clause of an AND and the value that made it fail", () => {
    const result = explain(
      "type == 'ticket' AND customer_value == 'Gold'",
      on({ type: "ticket", customer_value: "Silver" }),
    );
    expect(result.result).toBe(false);
    expect(result.summary).toBe(
      '`customer_value == \'Gold\'` is false: customer_value is "Silver", not "Gold"',
    );
    expect(result.clauses.map((c) => [c.text, c.result])).toEqual([
      ["type == 'ticket'", true],
      ["customer_value == 'Gold'", false],
    ]);
    expect(result.clauses[1]?.location).toMatchObject({ start: 21, column: 22 });
  });

  it("explains NULLs, arrays and every alternative of a failed OR", () => {
    const result = explain(
      "(language == 'en' OR language == 'fr') AND skills HAS 'support'",
      on({ skills: ["sales"] }),
    );
    expect(result.result).toBe(false);
    expect(result.summary).toContain("no alternative of the OR matched");
    expect(result.summary).toContain("language is missing (NULL); a comparison with NULL is false");
    expect(result.summary).toContain('skills is ["sales"], which does not have "support"');
  });

  it("explains type mismatches, wrong-side arrays and successes", () => {
    expect(explain("n == '1'", on({ n: 1 })).summary).toContain("have different types");
    expect(explain("'a' IN s", on({ s: "a" })).summary).toContain("IN needs an array on the right");
    const ok = explain("n >= 1 AND tags HAS 'x'", on({ n: 2, tags: ["x"] }));
    expect(ok.result).toBe(true);
    expect(ok.summary).toContain("which is >= 1");
  });

  it("turns a syntax error into a failed explanation instead of throwing", () => {
    const result = explain("a-b == 1", on({}));
    expect(result.result).toBe(false);
    expect(result.summary).toMatch(/Hyphens are not supported/);
  });
});

describe("the committed parser", () => {
  it("is what `npm run sandbox:grammar` generates from expression.peggy", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peggy-"));
    try {
      const here = path.dirname(new URL(import.meta.url).pathname);
      const out = path.join(dir, "expression-parser.js");
      const peggy = path.resolve(here, "../../../node_modules/peggy/bin/peggy.js");
      execFileSync(process.execPath, [
        peggy,
        "--format",
        "es",
        "--dts",
        "-o",
        out,
        path.join(here, "expression.peggy"),
      ]);
      expect(fs.readFileSync(out, "utf8")).toBe(
        fs.readFileSync(path.join(here, "generated/expression-parser.js"), "utf8"),
      );
      expect(fs.readFileSync(path.join(dir, "expression-parser.d.ts"), "utf8")).toBe(
        fs.readFileSync(path.join(here, "generated/expression-parser.d.ts"), "utf8"),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
