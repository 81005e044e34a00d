/**
 * Workflow `Configuration` JSON (https://www.twilio.com/docs/taskrouter/workflow-configuration,
 * contract §4.1): parsed and checked once when the workflow is created or updated, so routing
 * never meets a malformed step.
 */
import { z } from "zod";
import { ExpressionError, validateExpression } from "./expression";

export interface WorkflowTarget {
  /** Resolved from the previous target of the same filter when omitted (targets inherit `queue`). */
  queue: string;
  priority: number | null;
  timeout: number | null;
  expression: string | null;
  orderBy: { attribute: (string | number)[]; text: string; direction: "ASC" | "DESC" }[];
  skipIf: string | null;
  knownWorkerSid: string | null;
  knownWorkerFriendlyName: string | null;
}

export interface WorkflowFilter {
  friendlyName: string;
  expression: string;
  targets: WorkflowTarget[];
}

export interface WorkflowConfig {
  filters: WorkflowFilter[];
  defaultFilter: WorkflowTarget | null;
}

export class WorkflowConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkflowConfigError";
  }
}

const numeric = z
  .union([z.number(), z.string().regex(/^-?\d+$/)])
  .transform((value) => Number(value));

const targetSchema = z.looseObject({
  queue: z.string().min(1).optional(),
  priority: numeric.optional(),
  timeout: numeric.optional(),
  expression: z.string().optional(),
  order_by: z.string().optional(),
  skip_if: z.string().optional(),
  known_worker_sid: z.string().optional(),
  known_worker_friendly_name: z.string().optional(),
});

const filterSchema = z.looseObject({
  filter_friendly_name: z.string().optional(),
  friendly_name: z.string().optional(),
  expression: z.string(),
  targets: z.array(targetSchema).min(1),
});

const configSchema = z.object({
  task_routing: z.looseObject({
    filters: z.array(filterSchema).default([]),
    default_filter: targetSchema.optional(),
  }),
});

const ORDER_BY = /^worker\.([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s+(ASC|DESC)$/i;

/**
 * Parses the configuration. `queueExists` checks `queue` SIDs against the workspace (Twilio
 * refuses unknown queues when the workflow is saved).
 */
export function parseWorkflowConfig(
  json: string,
  queueExists: (sid: string) => boolean,
): WorkflowConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new WorkflowConfigError(`Configuration is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkflowConfigError(
      `Invalid workflow configuration at ${issue ? issue.path.join(".") || "(root)" : "(root)"}: ${issue?.message ?? "invalid"}`,
    );
  }
  const routing = parsed.data.task_routing;
  const filters = routing.filters.map((filter, filterIndex): WorkflowFilter => {
    const where = `task_routing.filters[${filterIndex}]`;
    checkExpression(filter.expression, "task", `${where}.expression`);
    let previousQueue: string | null = null;
    const targets = filter.targets.map((target, targetIndex) => {
      const resolved = parseTarget(
        target,
        previousQueue,
        `${where}.targets[${targetIndex}]`,
        queueExists,
      );
      previousQueue = resolved.queue;
      return resolved;
    });
    return {
      friendlyName: filter.filter_friendly_name ?? filter.friendly_name ?? "",
      expression: filter.expression,
      targets,
    };
  });
  let defaultFilter: WorkflowTarget | null = null;
  if (routing.default_filter) {
    defaultFilter = parseTarget(
      routing.default_filter,
      null,
      "task_routing.default_filter",
      queueExists,
    );
    // The default filter is where tasks wait until their TTL: it has no timeout.
    defaultFilter.timeout = null;
    defaultFilter.skipIf = null;
  }
  return { filters, defaultFilter };
}

function parseTarget(
  target: z.infer<typeof targetSchema>,
  inheritedQueue: string | null,
  where: string,
  queueExists: (sid: string) => boolean,
): WorkflowTarget {
  const queue = target.queue ?? inheritedQueue;
  if (!queue)
    throw new WorkflowConfigError(
      `${where}.queue is required (only later targets of a filter inherit it)`,
    );
  if (!queueExists(queue))
    throw new WorkflowConfigError(`${where}.queue ${queue} is not a TaskQueue of this workspace`);
  if (target.timeout !== undefined && (!Number.isFinite(target.timeout) || target.timeout < 0)) {
    throw new WorkflowConfigError(`${where}.timeout must be a number of seconds`);
  }
  if (target.known_worker_sid && target.known_worker_friendly_name) {
    throw new WorkflowConfigError(
      `${where} may have known_worker_sid or known_worker_friendly_name, not both`,
    );
  }
  if (target.expression !== undefined)
    checkExpression(target.expression, "target", `${where}.expression`);
  if (target.skip_if !== undefined) checkExpression(target.skip_if, "skip_if", `${where}.skip_if`);
  for (const known of [target.known_worker_sid, target.known_worker_friendly_name]) {
    if (known !== undefined && !/^task\.[A-Za-z_][A-Za-z0-9_.]*$/.test(known)) {
      throw new WorkflowConfigError(
        `${where}: known worker must name a task attribute, e.g. "task.agent_sid"`,
      );
    }
  }
  return {
    queue,
    priority: target.priority ?? null,
    timeout: target.timeout ?? null,
    expression: target.expression ?? null,
    orderBy: target.order_by ? parseOrderBy(target.order_by, `${where}.order_by`) : [],
    skipIf: target.skip_if ?? null,
    knownWorkerSid: target.known_worker_sid ?? null,
    knownWorkerFriendlyName: target.known_worker_friendly_name ?? null,
  };
}

function parseOrderBy(text: string, where: string): WorkflowTarget["orderBy"] {
  return text.split(",").map((part) => {
    const match = ORDER_BY.exec(part.trim());
    if (!match || !match[1] || !match[2]) {
      throw new WorkflowConfigError(
        `${where}: "${part.trim()}" is not of the form "worker.<attribute> ASC|DESC"`,
      );
    }
    return {
      attribute: match[1].split("."),
      text: part.trim(),
      direction: match[2].toUpperCase() as "ASC" | "DESC",
    };
  });
}

function checkExpression(
  expression: string,
  use: "task" | "target" | "skip_if",
  where: string,
): void {
  try {
    validateExpression(expression, use);
  } catch (error) {
    if (error instanceof ExpressionError)
      throw new WorkflowConfigError(`${where}: ${error.message}`);
    throw error;
  }
}
