/**
 * The TaskRouter workflow, built from the Queue rows (docs/twilio-contract.md §4.1):
 * - an agent's outbound call goes to that agent only (known_worker_sid; Flex's outbound dialing);
 * - transfers to a named agent go to that worker (known_worker_sid), then to anyone after 60 s;
 * - one filter per queue key: first an agent of that queue who speaks the caller's language,
 *   then any agent of the queue, then overflow to the general (default) queue;
 * - default_filter: the general queue.
 * https://www.twilio.com/docs/taskrouter/workflow-configuration
 */

export interface WorkflowQueue {
  key: string;
  name: string;
  taskQueueSid: string;
  priority: number;
  timeoutSeconds: number;
  isDefault: boolean;
}

/** Seconds a task waits for a same-language agent before any agent of the queue may take it. */
export const LANGUAGE_PREFERENCE_SECONDS = 30;
export const KNOWN_AGENT_SECONDS = 60;

export function buildWorkflowConfiguration(queues: WorkflowQueue[]) {
  const general = queues.find((q) => q.isDefault) ?? queues[queues.length - 1];
  if (!general) throw new Error("At least one queue is needed to build the workflow.");
  const sameLanguage = "task.language IN worker.languages";
  const filters = [
    {
      filter_friendly_name: "Outbound call from an agent",
      expression: "type == 'call' AND direction == 'outbound'",
      targets: [{ queue: general.taskQueueSid, known_worker_sid: "task.target_worker_sid", priority: 1000 }],
    },
    {
      filter_friendly_name: "Transfer to a named agent",
      expression: "transfer_target == 'worker'",
      targets: [
        { queue: general.taskQueueSid, known_worker_sid: "task.transfer_worker_sid", priority: 100, timeout: KNOWN_AGENT_SECONDS },
        { queue: general.taskQueueSid, priority: 100 },
      ],
    },
    ...queues.map((q) => ({
      filter_friendly_name: q.name,
      expression: `queue == '${q.key}'`,
      targets: [
        { queue: q.taskQueueSid, expression: sameLanguage, priority: q.priority, timeout: Math.min(LANGUAGE_PREFERENCE_SECONDS, q.timeoutSeconds) },
        ...(q.isDefault
          ? [{ queue: q.taskQueueSid, priority: q.priority }]
          : [
              { queue: q.taskQueueSid, priority: q.priority, timeout: q.timeoutSeconds },
              { queue: general.taskQueueSid, priority: q.priority },
            ]),
      ],
    })),
  ];
  return { task_routing: { filters, default_filter: { queue: general.taskQueueSid } } };
}
