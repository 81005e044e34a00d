import { describe, expect, it } from "vitest";
import { buildWorkflowConfiguration } from "./workflow-configuration";

const queues = [
  { key: "sales", name: "Sales", taskQueueSid: "WQsales", priority: 10, timeoutSeconds: 120, isDefault: false },
  { key: "general", name: "General", taskQueueSid: "WQgeneral", priority: 0, timeoutSeconds: 600, isDefault: true },
];

describe("workflow configuration", () => {
  it("routes by queue, prefers the caller's language, overflows to the general queue", () => {
    const config = buildWorkflowConfiguration(queues);
    const sales = config.task_routing.filters.find((f) => f.filter_friendly_name === "Sales")!;
    expect(sales.expression).toBe("queue == 'sales'");
    expect(sales.targets).toEqual([
      { queue: "WQsales", expression: "task.language IN worker.languages", priority: 10, timeout: 30 },
      { queue: "WQsales", priority: 10, timeout: 120 },
      { queue: "WQgeneral", priority: 10 },
    ]);
    const general = config.task_routing.filters.find((f) => f.filter_friendly_name === "General")!;
    expect(general.targets.at(-1)).toEqual({ queue: "WQgeneral", priority: 0 });
    expect(config.task_routing.default_filter).toEqual({ queue: "WQgeneral" });
  });

  it("sends an agent's outbound call to that agent only, before any other filter", () => {
    const [outbound] = buildWorkflowConfiguration(queues).task_routing.filters;
    expect(outbound).toMatchObject({ expression: "type == 'call' AND direction == 'outbound'" });
    expect(outbound!.targets).toEqual([{ queue: "WQgeneral", known_worker_sid: "task.target_worker_sid", priority: 1000 }]);
  });

  it("sends transfers to a named agent first, then to anyone", () => {
    const [, transfer] = buildWorkflowConfiguration(queues).task_routing.filters;
    expect(transfer).toMatchObject({ expression: "transfer_target == 'worker'" });
    expect(transfer!.targets[0]).toMatchObject({ queue: "WQgeneral", known_worker_sid: "task.transfer_worker_sid", timeout: 60 });
  });
});
