/**
 * TaskRouter expressions: parse (grammar in expression.peggy), validate where they are used,
 * evaluate, and explain in words why an expression did or did not match.
 *
 * Semantics (https://www.twilio.com/docs/taskrouter/expression-syntax, contract §4.2):
 * - A reference that the JSON document does not contain resolves to NULL. Like SQL, any
 *   comparison with a NULL operand is false — `language != 'en'` does not match a task without
 *   `language`. The `null` constant tests presence: `language == null` / `language != null`.
 * - Scalar operators (==, !=, >, >=, <, <=, CONTAINS) on an array are false; array operators
 *   (HAS: array on the left; IN / NOT IN: array on the right) with a scalar where the array
 *   belongs are false. Values of different types are never equal and never ordered.
 * - Keywords are case-insensitive (`IN`, `in`, `Has`…); attribute names are case-sensitive.
 */
import {
  parse as parseGenerated,
  SyntaxError as PeggySyntaxError,
} from "./generated/expression-parser";

export type ExpressionLocation = { start: number; end: number; line: number; column: number };

type NodeBase = { location: ExpressionLocation; text: string };
export type LiteralNode = NodeBase & { type: "literal"; value: string | number | boolean | null };
export type ArrayNode = NodeBase & { type: "array"; items: LiteralNode[] };
export type ReferenceNode = NodeBase & { type: "reference"; path: (string | number)[] };
export type OperandNode = LiteralNode | ArrayNode | ReferenceNode;
export type Operator = "==" | "!=" | ">" | ">=" | "<" | "<=" | "CONTAINS" | "HAS" | "IN" | "NOT IN";
export type ComparisonNode = NodeBase & {
  type: "comparison";
  operator: Operator;
  left: OperandNode;
  right: OperandNode;
};
export type LogicalNode = NodeBase & { type: "and" | "or"; operands: ExpressionNode[] };
export type ExpressionNode = ComparisonNode | LogicalNode;

/** Where an expression is used decides which references it may contain. */
export type ExpressionUse =
  | "task" // Workflow filter expression: bare task attribute names
  | "worker" // TaskQueue TargetWorkers: bare worker attribute names
  | "target" // Workflow target expression: task.* and worker.* only
  | "skip_if"; // Workflow target skip_if: workers.available, workers.unavailable, workers.WA…

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    readonly location: { offset: number; line: number; column: number } | null,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}

const cache = new Map<string, ExpressionNode>();

/** Parses an expression; throws ExpressionError with the position of the problem. */
export function parseExpression(expression: string): ExpressionNode {
  const cached = cache.get(expression);
  if (cached) return cached;
  let ast: ExpressionNode;
  try {
    ast = parseGenerated(expression) as ExpressionNode;
  } catch (error) {
    if (error instanceof PeggySyntaxError) throw syntaxError(expression, error);
    throw error;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(expression, ast);
  return ast;
}

function syntaxError(expression: string, error: PeggySyntaxError): ExpressionError {
  const { offset, line, column } = error.location.start;
  const found = error.found;
  const previous = expression[offset - 1] ?? "";
  const hint =
    found === "-" && /[A-Za-z0-9_]/.test(previous)
      ? " Hyphens are not supported in TaskRouter expressions (use underscores in attribute names)."
      : expression.trim() === ""
        ? " The expression is empty."
        : "";
  const where =
    found === null || found === undefined
      ? "at the end of the expression"
      : `at line ${line}, column ${column}`;
  return new ExpressionError(
    `Invalid expression: ${error.message.replace(/\.$/, "")} ${where}.${hint}`,
    expression,
    {
      offset,
      line,
      column,
    },
  );
}

const SKIP_IF_COUNTER = /^(available|unavailable|WA[0-9a-f]{32})$/;

/** Parses and checks that the references fit where the expression is used (400 on create/update). */
export function validateExpression(expression: string, use: ExpressionUse): ExpressionNode {
  const ast = parseExpression(expression);
  for (const reference of references(ast)) {
    const [root, second] = reference.path;
    const at = `at line ${reference.location.line}, column ${reference.location.column}`;
    if (use === "target" && root !== "task" && root !== "worker") {
      throw new ExpressionError(
        `Invalid target expression: "${reference.text}" ${at} must be prefixed with "task." or "worker.".`,
        expression,
        {
          offset: reference.location.start,
          line: reference.location.line,
          column: reference.location.column,
        },
      );
    }
    if (
      use === "skip_if" &&
      (root !== "workers" ||
        typeof second !== "string" ||
        !SKIP_IF_COUNTER.test(second) ||
        reference.path.length !== 2)
    ) {
      throw new ExpressionError(
        `Invalid skip_if expression: "${reference.text}" ${at} is not one of workers.available, workers.unavailable or workers.<ActivitySid>.`,
        expression,
        {
          offset: reference.location.start,
          line: reference.location.line,
          column: reference.location.column,
        },
      );
    }
  }
  return ast;
}

export function references(node: ExpressionNode): ReferenceNode[] {
  if (node.type === "comparison") {
    return [node.left, node.right].filter(
      (operand): operand is ReferenceNode => operand.type === "reference",
    );
  }
  return node.operands.flatMap(references);
}

/** Resolves a reference path to a value; `undefined` means the document lacks it (NULL). */
export type Resolver = (path: (string | number)[]) => unknown;

/** Looks a path up in a JSON document: dots for keys, numbers for array indexes. */
export function lookupPath(document: unknown, path: (string | number)[]): unknown {
  let current: unknown = document;
  for (const segment of path) {
    if (typeof segment === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (current === null || typeof current !== "object" || Array.isArray(current))
        return undefined;
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

export function attributesResolver(document: unknown): Resolver {
  return (path) => lookupPath(document, path);
}

export function evaluate(expression: string | ExpressionNode, resolve: Resolver): boolean {
  const ast = typeof expression === "string" ? parseExpression(expression) : expression;
  return evaluateNode(ast, resolve);
}

function evaluateNode(node: ExpressionNode, resolve: Resolver): boolean {
  switch (node.type) {
    case "and":
      return node.operands.every((operand) => evaluateNode(operand, resolve));
    case "or":
      return node.operands.some((operand) => evaluateNode(operand, resolve));
    case "comparison":
      return compare(node, resolve).result;
  }
}

type Operand = { value: unknown; node: OperandNode };

function operandValue(node: OperandNode, resolve: Resolver): unknown {
  switch (node.type) {
    case "literal":
      return node.value;
    case "array":
      return node.items.map((item) => item.value);
    case "reference": {
      const value = resolve(node.path);
      return value === undefined ? null : value;
    }
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function typeName(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  return JSON.stringify(value);
}

function describe(operand: Operand): string {
  if (operand.node.type !== "reference") return operand.node.text;
  if (operand.value === null) return `${operand.node.text} is missing (NULL)`;
  return `${operand.node.text} is ${show(operand.value)}`;
}

type Outcome = { result: boolean; reason: string };

/** Evaluates one comparison and says why it came out the way it did. */
function compare(node: ComparisonNode, resolve: Resolver): Outcome {
  const left: Operand = { value: operandValue(node.left, resolve), node: node.left };
  const right: Operand = { value: operandValue(node.right, resolve), node: node.right };
  const op = node.operator;
  const nullLiteral = (o: Operand) => o.node.type === "literal" && o.node.value === null;

  if ((op === "==" || op === "!=") && (nullLiteral(left) || nullLiteral(right))) {
    const other = nullLiteral(left) ? right : left;
    const present = other.value !== null;
    const result = op === "==" ? !present : present;
    return {
      result,
      reason: present ? `${describe(other)}, so it is present` : `${describe(other)}`,
    };
  }
  for (const side of [left, right]) {
    if (side.value === null) {
      return { result: false, reason: `${describe(side)}; a comparison with NULL is false` };
    }
  }

  switch (op) {
    case "==":
    case "!=": {
      if (!isScalar(left.value) || !isScalar(right.value)) {
        const bad = isScalar(left.value) ? right : left;
        return {
          result: false,
          reason: `${describe(bad)}, ${typeName(bad.value)}; ${op} compares single values only`,
        };
      }
      if (typeof left.value !== typeof right.value) {
        return {
          result: false,
          reason: `${describe(left)} (${typeName(left.value)}) and ${describe(right)} (${typeName(right.value)}) have different types`,
        };
      }
      const equal = left.value === right.value;
      const result = op === "==" ? equal : !equal;
      return {
        result,
        reason: equal
          ? `${describe(left)}, equal to ${show(right.value)}`
          : `${describe(left)}, not ${show(right.value)}`,
      };
    }
    case ">":
    case ">=":
    case "<":
    case "<=": {
      const comparable =
        (typeof left.value === "number" && typeof right.value === "number") ||
        (typeof left.value === "string" && typeof right.value === "string");
      if (!comparable) {
        return {
          result: false,
          reason: `${describe(left)} (${typeName(left.value)}) and ${describe(right)} (${typeName(right.value)}) cannot be ordered`,
        };
      }
      const a = left.value as number | string;
      const b = right.value as number | string;
      const result = op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : a <= b;
      return {
        result,
        reason: `${describe(left)}, which is ${result ? "" : "not "}${op} ${show(b)}`,
      };
    }
    case "CONTAINS": {
      if (typeof left.value !== "string" || typeof right.value !== "string") {
        return {
          result: false,
          reason: `CONTAINS needs text on both sides, but ${describe(typeof left.value !== "string" ? left : right)}`,
        };
      }
      const result = left.value.includes(right.value);
      return {
        result,
        reason: `${describe(left)}, which ${result ? "contains" : "does not contain"} ${show(right.value)}`,
      };
    }
    case "HAS": {
      if (!Array.isArray(left.value)) {
        return {
          result: false,
          reason: `${describe(left)}, ${typeName(left.value)}; HAS needs an array on the left`,
        };
      }
      if (!isScalar(right.value)) {
        return { result: false, reason: `${describe(right)}; HAS looks for a single value` };
      }
      const result = left.value.some((item) => item === right.value);
      return {
        result,
        reason: `${describe(left)}, which ${result ? "has" : "does not have"} ${show(right.value)}`,
      };
    }
    case "IN":
    case "NOT IN": {
      if (!Array.isArray(right.value)) {
        return {
          result: false,
          reason: `${describe(right)}, ${typeName(right.value)}; ${op} needs an array on the right`,
        };
      }
      if (!isScalar(left.value)) {
        return {
          result: false,
          reason: `${describe(left)}, ${typeName(left.value)}; ${op} tests a single value`,
        };
      }
      const found = right.value.some((item) => item === left.value);
      const result = op === "IN" ? found : !found;
      return {
        result,
        reason: `${describe(left)}, which is ${found ? "" : "not "}in ${show(right.value)}`,
      };
    }
  }
}

export type ClauseExplanation = {
  text: string;
  result: boolean;
  reason: string;
  location: ExpressionLocation;
};

export type Explanation = {
  expression: string;
  result: boolean;
  /** One sentence: why it matched, or which clause failed and why. */
  summary: string;
  /** Every comparison, evaluated (no short-circuit), in source order. */
  clauses: ClauseExplanation[];
};

/**
 * Evaluates and explains: which clause failed and why, in words, e.g.
 * `customer_value == 'Gold'` is false: customer_value is "Silver", not "Gold".
 */
export function explain(expression: string, resolve: Resolver): Explanation {
  let ast: ExpressionNode;
  try {
    ast = parseExpression(expression);
  } catch (error) {
    if (error instanceof ExpressionError) {
      return { expression, result: false, summary: error.message, clauses: [] };
    }
    throw error;
  }
  const clauses: ClauseExplanation[] = [];
  const outcome = explainNode(ast, resolve, clauses);
  return { expression, result: outcome.result, summary: outcome.reason, clauses };
}

function explainNode(
  node: ExpressionNode,
  resolve: Resolver,
  clauses: ClauseExplanation[],
): Outcome {
  if (node.type === "comparison") {
    const outcome = compare(node, resolve);
    clauses.push({
      text: node.text,
      result: outcome.result,
      reason: outcome.reason,
      location: node.location,
    });
    return {
      result: outcome.result,
      reason: `\`${node.text}\` is ${outcome.result}: ${outcome.reason}`,
    };
  }
  const outcomes = node.operands.map((operand) => explainNode(operand, resolve, clauses));
  if (node.type === "and") {
    const failed = outcomes.filter((o) => !o.result);
    if (failed.length === 0)
      return { result: true, reason: outcomes.map((o) => o.reason).join("; and ") };
    return { result: false, reason: failed.map((o) => o.reason).join("; and ") };
  }
  const passed = outcomes.find((o) => o.result);
  if (passed) return { result: true, reason: passed.reason };
  return {
    result: false,
    reason: `no alternative of the OR matched: ${outcomes.map((o) => o.reason).join("; ")}`,
  };
}
