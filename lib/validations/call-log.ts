import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-11-21.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "That date does not exist.");

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const CALL_DIRECTIONS = ["inbound", "outbound"] as const;
export const CALL_OUTCOMES = ["answered", "abandoned", "voicemail", "callback", "missed", "failed"] as const;

/** Call-log filters as they arrive in the page's query string or the export URL. */
export const callLogFiltersSchema = z
  .object({
    from: optional(isoDate),
    to: optional(isoDate),
    queue: optional(z.string().max(40)),
    agent: optional(z.string().max(40)),
    direction: optional(z.enum(CALL_DIRECTIONS, { message: "Direction is inbound or outbound." })),
    outcome: optional(z.enum(CALL_OUTCOMES, { message: "Unknown outcome." })),
    q: optional(z.string().trim().max(80, "Search for at most 80 characters.")),
    cursor: optional(z.string().max(200)),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date is after the end date.", path: ["to"] });

export type CallLogFilters = z.infer<typeof callLogFiltersSchema>;

/** Report period: inclusive calendar dates in the business time zone. */
export const reportRangeSchema = z
  .object({
    from: optional(isoDate),
    to: optional(isoDate),
    queue: optional(z.string().max(40)),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date is after the end date.", path: ["to"] });

export type ReportRangeInput = z.infer<typeof reportRangeSchema>;

/** URLSearchParams / Next searchParams → a plain record zod can read. */
export function searchParamsToRecord(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (params instanceof URLSearchParams) {
    for (const [k, v] of params) out[k] = v;
  } else {
    for (const [k, v] of Object.entries(params)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined) out[k] = first;
    }
  }
  return out;
}
