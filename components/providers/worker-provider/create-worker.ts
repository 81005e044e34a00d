import type { TokenAnswer } from "@/lib/client/fetch-token";
import type { TaskRouterWorker } from "./types";

/** The real TaskRouter Worker, loaded on demand, with the same options in both modes (worker-options.ts). */
export async function createWorker(answer: TokenAnswer): Promise<TaskRouterWorker> {
  const [{ Worker }, { taskRouterWorkerOptions }] = await Promise.all([import("twilio-taskrouter"), import("@/lib/sandbox/taskrouter/browser/worker-options")]);
  const worker = new Worker(answer.token, { ...taskRouterWorkerOptions(answer), logLevel: "error" });
  return worker as unknown as TaskRouterWorker;
}
