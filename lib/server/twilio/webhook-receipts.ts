import "server-only";
/**
 * Idempotency for Twilio webhooks through `WebhookReceipt`: the first delivery claims the key and
 * stores its response; a retry or replay with the same key gets the stored response and writes
 * nothing. Claims are one atomic INSERT … ON CONFLICT, so concurrent deliveries cannot both run;
 * a claim left unfinished for CLAIM_TTL (a crashed process) can be taken over by a retry.
 *
 * Receipts are written with `synchronous_commit = off`: they are bookkeeping, not the call record,
 * and skipping the WAL flush wait saves two disk syncs per webhook. A receipt lost in a database
 * crash only means a later retry runs its (idempotent) handler again.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/server/db";

export interface StoredResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export type Claim = { claimed: true } | { claimed: false; response: StoredResponse | null };

const CLAIM_TTL_SECONDS = 30;

export async function claimWebhookReceipt(key: string, route: string, resourceSid: string | undefined): Promise<Claim> {
  const [, rows] = await db.$transaction([
    db.$executeRaw`SET LOCAL synchronous_commit = off`,
    db.$queryRaw<{ id: string }[]>`
      INSERT INTO "WebhookReceipt" ("id", "idempotencyKey", "route", "resourceSid")
      VALUES (${randomUUID()}, ${key}, ${route}, ${resourceSid ?? null})
      ON CONFLICT ("idempotencyKey") DO UPDATE SET "receivedAt" = now()
        WHERE "WebhookReceipt"."completedAt" IS NULL
          AND "WebhookReceipt"."receivedAt" < now() - make_interval(secs => ${CLAIM_TTL_SECONDS})
      RETURNING "id"`,
  ]);
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
  await db.$transaction([
    db.$executeRaw`SET LOCAL synchronous_commit = off`,
    db.$executeRaw`
      UPDATE "WebhookReceipt"
      SET "responseStatus" = ${response.status}, "responseType" = ${response.contentType},
          "responseBody" = ${response.body}, "completedAt" = now()
      WHERE "idempotencyKey" = ${key}`,
  ]);
}

/** A failed handler gives its claim back, so Twilio's retry (or a replay) can process it again. */
export async function releaseWebhookReceipt(key: string): Promise<void> {
  await db.webhookReceipt.deleteMany({ where: { idempotencyKey: key, completedAt: null } });
}
