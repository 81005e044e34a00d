/**
 * The control API under /sandbox (docs/SANDBOX.md URL map): health, reset, snapshot/restore,
 * clock, state, webhook log, debugger feed, support matrix. Engines add their own control routes
 * (scripted calls, inbound messages). It is unauthenticated and bound to 127.0.0.1: it is a
 * local developer tool, and it never reveals the credentials.
 */
import { SandboxError } from "../core/rest";
import type { Sandbox, SandboxSnapshot } from "../core/sandbox";
import type { SandboxModule, SandboxRequest, SupportEntry, WebhookKind } from "../core/types";

function body(request: SandboxRequest): Record<string, unknown> {
  if (request.json && typeof request.json === "object")
    return request.json as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(request.form))
    out[k] = Array.isArray(v) ? v[v.length - 1] : v;
  return out;
}

export function clockView(sandbox: Sandbox) {
  const { clock } = sandbox.ctx;
  const now = clock.now();
  return {
    mode: clock.mode,
    now,
    iso: new Date(now).toISOString(),
    pendingTimers: clock.pendingTimers(),
    nextDue: clock.nextDue(),
  };
}

export function controlModule(getSandbox: () => Sandbox): SandboxModule {
  const support: SupportEntry[] = [
    { area: "Sandbox control", item: "reset / snapshot / restore", status: "supported" },
    { area: "Sandbox control", item: "clock (real, manual, advance, settle)", status: "supported" },
    {
      area: "Sandbox control",
      item: "state, webhook log, debugger feed, SSE events",
      status: "supported",
    },
  ];
  return {
    name: "control",
    support,
    routes: [
      {
        method: "GET",
        pattern: "/sandbox/health",
        auth: "none",
        handler: () => {
          const sandbox = getSandbox();
          return {
            status: 200,
            body: {
              status: "ok",
              accountSid: sandbox.ctx.account.accountSid,
              modules: sandbox.modules.map((m) => m.name),
              clock: clockView(sandbox),
            },
          };
        },
      },
      {
        method: "POST",
        pattern: "/sandbox/reset",
        auth: "none",
        handler: () => {
          getSandbox().reset();
          return { status: 200, body: { status: "reset" } };
        },
      },
      {
        method: "POST",
        pattern: "/sandbox/snapshot",
        auth: "none",
        handler: () => ({ status: 200, body: getSandbox().snapshot() }),
      },
      {
        method: "POST",
        pattern: "/sandbox/restore",
        auth: "none",
        handler: (request) => {
          try {
            getSandbox().restore(request.json as SandboxSnapshot);
          } catch (error) {
            throw new SandboxError(
              400,
              20001,
              error instanceof Error ? error.message : String(error),
            );
          }
          return { status: 200, body: { status: "restored" } };
        },
      },
      {
        method: "GET",
        pattern: "/sandbox/clock",
        auth: "none",
        handler: () => ({ status: 200, body: clockView(getSandbox()) }),
      },
      {
        method: "POST",
        pattern: "/sandbox/clock",
        auth: "none",
        handler: async (request) => {
          const sandbox = getSandbox();
          const input = body(request);
          if (input.mode !== undefined) {
            if (input.mode !== "real" && input.mode !== "manual")
              throw new SandboxError(400, 20001, "mode must be real or manual");
            sandbox.ctx.clock.setMode(input.mode);
          }
          if (input.advanceMs !== undefined) {
            const ms = Number(input.advanceMs);
            if (!Number.isFinite(ms) || ms < 0)
              throw new SandboxError(
                400,
                20001,
                "advanceMs must be a non-negative number of milliseconds",
              );
            await sandbox.ctx.clock.advance(ms);
          } else if (
            input.settle !== undefined &&
            input.settle !== false &&
            input.settle !== "false"
          ) {
            await sandbox.ctx.clock.settle();
          }
          sandbox.ctx.emit("clock.changed", clockView(sandbox));
          return { status: 200, body: clockView(sandbox) };
        },
      },
      {
        method: "GET",
        pattern: "/sandbox/state",
        auth: "none",
        handler: () => {
          const sandbox = getSandbox();
          return {
            status: 200,
            body: {
              accountSid: sandbox.ctx.account.accountSid,
              phoneNumber: sandbox.phoneNumber,
              appUrl: sandbox.ctx.appUrl,
              clock: clockView(sandbox),
              modules: sandbox.state(),
              webhooks: sandbox.webhookLog.list().slice(-100),
              debugger: sandbox.debugger.list().slice(-100),
            },
          };
        },
      },
      {
        method: "GET",
        pattern: "/sandbox/webhooks",
        auth: "none",
        handler: (request) => {
          const kind = request.query.get("kind") as WebhookKind | null;
          const resourceSid = request.query.get("resourceSid");
          const entries = getSandbox().webhookLog.list({
            kind: kind ?? undefined,
            resourceSid: resourceSid ?? undefined,
          });
          return { status: 200, body: { webhooks: entries } };
        },
      },
      {
        method: "GET",
        pattern: "/sandbox/webhooks/:id",
        auth: "none",
        handler: (request) => {
          const entry = getSandbox().webhookLog.get(request.params.id!);
          if (!entry)
            throw new SandboxError(404, 20404, `No webhook log entry ${request.params.id}`);
          return { status: 200, body: entry };
        },
      },
      {
        method: "GET",
        pattern: "/sandbox/debugger",
        auth: "none",
        handler: (request) => {
          const level = request.query.get("level");
          const entries = getSandbox()
            .debugger.list()
            .filter((e) => !level || e.level === level);
          return { status: 200, body: { entries } };
        },
      },
      {
        method: "GET",
        pattern: "/sandbox/support",
        auth: "none",
        handler: () => ({ status: 200, body: { support: getSandbox().support() } }),
      },
    ],
  };
}
