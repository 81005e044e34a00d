import "server-only";
/**
 * Idempotency for Twilio webhooks through `WebhookReceipt`: the first delivery claims the key and
 * stores its response; a retry or replay with the same key gets the stored response and writes
 * nothing. Claims are one atomic INSERT … ON CONFLICT, so concurrent deliveries cannot both run.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db";

export interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export type Claim = { claimed: true } | { claimed: false; response: StoredResponse | null };

export async function claimWebhookReceipt(key: string, route: string, resourceSid: string | undefined): Promise<Claim> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "WebhookReceipt" ("id", "idempotencyKey", "route", "resourceSid")
    VALUES (${randomUUID()}, ${key}, ${route}, ${resourceSid ?? null})
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING "id"`;
  if (rows.length > 0) return { claimed: true };
  return { claimed: false, response: await storedResponse(key) };
}

export async function storedResponse(key: string): Promise<StoredResponse | null> {
  const row = await db.webhookReceipt.findUnique({
    where: { idempotencyKey: key },
    select: { responseStatus: true, responseType: true, responseBody: true, completedAt: true },
  });
  if (!row?.completedAt || row.responseStatus === null) return null;
  return { status: row.responseStatus, contentType: row.responseType, body: row.responseBody ?? "" };
}

/** Waits for a concurrent first delivery of the same key to finish, then returns its response. */
export async function awaitStoredResponse(key: string, timeoutMs: number): Promise<StoredResponse | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    const response = await storedResponse(key);
    if (response) return response;
  }
  return null;
}

export async function completeWebhookReceipt(key: string, response: StoredResponse): Promise<void> {
  await db.webhookReceipt.update({
    where: { idempotencyKey: key },
    data: {
      responseStatus: response.status,
      responseType: response.contentType,
      responseBody: response.body,
      completedAt: new Date(),
    },
  });
}

/** A failed handler gives its claim back, so Twilio's retry (or a replay) can process it again. */
export async function releaseWebhookReceipt(key: string): Promise<void> {
  await db.webhookReceipt.deleteMany({ where: { idempotencyKey: key, completedAt: null } });
}
