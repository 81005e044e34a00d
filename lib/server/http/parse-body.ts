import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses a JSON request body with a schema; the first issue's message becomes a 400. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const body: unknown = await request.json().catch(() => ({}));
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid request.");
  return parsed.data;
}

/** Validates a route parameter (a SID) with a schema. */
export function parseParam<S extends z.ZodType>(value: string, schema: S): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("bad_request", parsed.error.issues[0]?.message ?? "Invalid request.");
  return parsed.data;
}
