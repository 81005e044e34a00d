/**
 * `npm run sandbox -- <command>`: drives a running sandbox through its control API (the same
 * one the console page uses). `last` stands for the most recent live call.
 */
export const USAGE = `Usage: npm run sandbox -- <command> [args]   (sandbox at $SANDBOX_URL, default http://127.0.0.1:$SANDBOX_PORT or :3100)

  call <from> [to]              place a call from a number to the business number (or <to>)
  press <call|last> <digits>    send DTMF digits (0-9 * #)
  say <call|last> <text…>       say something (speech for <Gather input="speech">, voicemail transcripts)
  hangup <call|last>            hang up the caller's side
  answer <call|ringing>         answer a ringing client:<identity> leg as a Device would (no audio)
  calls                         list calls
  sms <from> <text…>            text the business number   (--to <number>, --whatsapp, --media <url>)
  messages                      list messages
  advance <duration>            move the clock forward (e.g. 30s, 2m, 1500ms)
  clock [real|manual]           show the clock, or switch its mode
  state                         live calls, conferences, queues and module state
  webhooks [--resource <sid>]   the webhook log with verdicts
  debugger                      errors, warnings and unsupported features
  reset                         drop all state and re-seed
  help                          this text`;

export interface CliIo {
  baseUrl: string;
  print(line: string): void;
  fetch?: typeof fetch;
}

export class CliError extends Error {}

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new CliError(`Not a duration: ${text} (use e.g. 30s, 2m, 1500ms)`);
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!);
}

interface CallView {
  sid: string;
  from: string;
  to: string;
  status: string;
  direction: string;
  activity?: { kind: string; verb?: string };
}

export async function runCli(argv: string[], io: CliIo): Promise<void> {
  const http = io.fetch ?? fetch;
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await http(`${io.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new CliError(
        `No sandbox answers at ${io.baseUrl} (start the app with npm run dev, or set SANDBOX_URL)`,
      );
    }
    const text = await res.text();
    const data = text
      ? (JSON.parse(text) as T & { message?: string })
      : ({} as T & { message?: string });
    if (!res.ok) throw new CliError(`${res.status}: ${data.message ?? text}`);
    return data;
  };
  const flags = new Map<string, string | true>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("--")) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--") && a !== "--whatsapp") {
        flags.set(a.slice(2), next);
        i++;
      } else flags.set(a.slice(2), true);
    } else args.push(a);
  }
  const [command, ...rest] = args;
  const callSid = async (ref: string | undefined): Promise<string> => {
    if (!ref) throw new CliError("Which call? Give a CallSid or 'last'");
    if (ref !== "last") return ref;
    const { calls } = await request<{ calls: CallView[] }>("GET", "/sandbox/calls");
    const live = calls.filter(
      (c) =>
        !["completed", "busy", "failed", "no-answer", "canceled"].includes(c.status) &&
        c.direction === "inbound",
    );
    const last = live.at(-1);
    if (!last) throw new CliError("No live inbound call");
    return last.sid;
  };
  const health = () =>
    request<{ accountSid: string; clock: { mode: string; iso: string } }>("GET", "/sandbox/health");

  switch (command) {
    case undefined:
    case "help":
      io.print(USAGE);
      return;
    case "call": {
      const [from, to] = rest;
      if (!from) throw new CliError("usage: call <from> [to]");
      const state = await request<{ phoneNumber: string }>("GET", "/sandbox/state");
      const call = await request<CallView>("POST", "/sandbox/calls", {
        from,
        to: to ?? state.phoneNumber,
      });
      io.print(`${call.sid}  ${call.from} → ${call.to}  ${call.status}`);
      return;
    }
    case "press": {
      const sid = await callSid(rest[0]);
      if (!rest[1]) throw new CliError("usage: press <call|last> <digits>");
      await request("POST", `/sandbox/calls/${sid}/digits`, { digits: rest[1] });
      io.print(`pressed ${rest[1]} on ${sid}`);
      return;
    }
    case "say": {
      const sid = await callSid(rest[0]);
      const text = rest.slice(1).join(" ");
      if (!text) throw new CliError("usage: say <call|last> <text…>");
      await request("POST", `/sandbox/calls/${sid}/speech`, { text });
      io.print(`said "${text}" on ${sid}`);
      return;
    }
    case "answer": {
      const ref = rest[0];
      if (!ref) throw new CliError("usage: answer <call|ringing>");
      let sid = ref;
      if (ref === "ringing") {
        const { calls } = await request<{ calls: (CallView & { endpoint?: string })[] }>(
          "GET",
          "/sandbox/calls",
        );
        const ringing = calls.filter((c) => c.endpoint === "client" && c.status === "ringing");
        const last = ringing.at(-1);
        if (!last) throw new CliError("No ringing client: leg");
        sid = last.sid;
      }
      await request("POST", `/sandbox/calls/${sid}/answer`, {});
      io.print(`answered ${sid}`);
      return;
    }
    case "hangup": {
      const sid = await callSid(rest[0]);
      const call = await request<CallView>("POST", `/sandbox/calls/${sid}/hangup`, {});
      io.print(`${sid} ${call.status}`);
      return;
    }
    case "calls": {
      const { calls } = await request<{ calls: CallView[] }>("GET", "/sandbox/calls");
      if (calls.length === 0) io.print("no calls");
      for (const c of calls)
        io.print(
          `${c.sid}  ${c.direction.padEnd(13)} ${c.from} → ${c.to}  ${c.status}${c.activity && c.activity.kind !== "ended" ? `  (${c.activity.kind}${c.activity.verb ? ` ${c.activity.verb}` : ""})` : ""}`,
        );
      return;
    }
    case "sms": {
      const [from, ...words] = rest;
      const body = words.join(" ");
      const media = flags.get("media");
      if (!from || (!body && typeof media !== "string"))
        throw new CliError(
          "usage: sms <from> <text…> [--to <number>] [--whatsapp] [--media <url>]",
        );
      const state = await request<{ phoneNumber: string }>("GET", "/sandbox/state");
      const to =
        typeof flags.get("to") === "string" ? (flags.get("to") as string) : state.phoneNumber;
      const whatsapp = flags.has("whatsapp");
      const result = await request<{ messageSid: string }>("POST", "/sandbox/messages/inbound", {
        from: whatsapp ? `whatsapp:${from}` : from,
        to: whatsapp ? `whatsapp:${to}` : to,
        body,
        mediaUrls: typeof media === "string" ? [media] : [],
      });
      io.print(`${result.messageSid}  ${from} → ${to}`);
      return;
    }
    case "messages": {
      const { messages } = await request<{
        messages: {
          sid: string;
          from: string;
          to: string;
          body: string;
          status: string;
          direction: string;
        }[];
      }>("GET", "/sandbox/messages");
      if (messages.length === 0) io.print("no messages");
      for (const m of messages)
        io.print(
          `${m.sid}  ${m.direction.padEnd(14)} ${m.from} → ${m.to}  ${m.status}  ${JSON.stringify(m.body)}`,
        );
      return;
    }
    case "advance": {
      if (!rest[0]) throw new CliError("usage: advance <duration>");
      const clock = await request<{ iso: string; mode: string }>("POST", "/sandbox/clock", {
        advanceMs: parseDuration(rest[0]),
      });
      io.print(`clock ${clock.iso} (${clock.mode})`);
      return;
    }
    case "clock": {
      const clock = rest[0]
        ? await request<{ iso: string; mode: string; pendingTimers: number }>(
            "POST",
            "/sandbox/clock",
            { mode: rest[0] },
          )
        : await request<{ iso: string; mode: string; pendingTimers: number }>(
            "GET",
            "/sandbox/clock",
          );
      io.print(`clock ${clock.iso} (${clock.mode}, ${clock.pendingTimers} timers pending)`);
      return;
    }
    case "state": {
      const state = await request<{
        accountSid: string;
        phoneNumber: string;
        clock: { iso: string; mode: string };
        modules: Record<string, unknown>;
      }>("GET", "/sandbox/state");
      io.print(
        `account ${state.accountSid}  number ${state.phoneNumber}  clock ${state.clock.iso} (${state.clock.mode})`,
      );
      io.print(JSON.stringify(state.modules, null, 2));
      return;
    }
    case "webhooks": {
      const resource = flags.get("resource");
      const { webhooks } = await request<{
        webhooks: {
          id: string;
          kind: string;
          method: string;
          url: string;
          response: { status: number } | null;
          durationMs: number;
          errorCode?: number;
          verdict: { accepted: boolean; signatureValid: boolean; note?: string };
        }[];
      }>(
        "GET",
        `/sandbox/webhooks${typeof resource === "string" ? `?resourceSid=${encodeURIComponent(resource)}` : ""}`,
      );
      if (webhooks.length === 0) io.print("no webhooks yet");
      for (const w of webhooks) {
        io.print(
          `${w.id}  ${w.kind.padEnd(16)} ${w.method} ${w.url}  → ${w.response?.status ?? "no response"} ${w.durationMs}ms  ${w.verdict.accepted ? "accepted" : `REJECTED${w.errorCode ? ` (${w.errorCode})` : ""}`}  signature ${w.verdict.signatureValid ? "valid" : "INVALID"}${w.verdict.note ? `  — ${w.verdict.note}` : ""}`,
        );
      }
      return;
    }
    case "debugger": {
      const { entries } = await request<{
        entries: { level: string; code: number; message: string; resourceSid?: string }[];
      }>("GET", "/sandbox/debugger");
      if (entries.length === 0) io.print("no debugger entries");
      for (const e of entries)
        io.print(
          `${e.level.padEnd(11)} ${String(e.code).padStart(5)}  ${e.message}${e.resourceSid ? `  [${e.resourceSid}]` : ""}`,
        );
      return;
    }
    case "reset": {
      await request("POST", "/sandbox/reset");
      const h = await health();
      io.print(`reset; account ${h.accountSid}`);
      return;
    }
    default:
      throw new CliError(`Unknown command ${command}\n\n${USAGE}`);
  }
}
