import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Calls as a person thinks of them: the customer's call, not the legs that rang an agent's
 * softphone for it (the conference leg TaskRouter's assignment dials, a transfer's leg, the agent's
 * side of an outbound task call, which is filed under the customer's leg by `parentCallSid`).
 */
export const CUSTOMER_CALLS: Prisma.CallWhereInput = {
  parentCallSid: null,
  NOT: { direction: { not: "inbound" }, to: { startsWith: "client:" } },
};

/** Whether a call row is the agent's side of a call (`from` is the softphone): an outbound call. */
export function isAgentOriginated(call: { direction: string; from: string }): boolean {
  return call.direction !== "inbound" || call.from.startsWith("client:");
}
