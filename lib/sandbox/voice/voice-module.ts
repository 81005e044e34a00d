/**
 * The voice module: mounts the 2010 voice REST routes and the scripted-caller control routes,
 * and publishes ctx.voice.
 */
import { SandboxError } from "../core/rest";
import type { HttpRoute, SandboxContext, SandboxModule, SandboxRequest } from "../core/types";
import { isTerminal, type VoiceState } from "./model";
import { voiceRoutes } from "./rest-routes";
import { voiceSupport } from "./support";
import { VoiceEngine } from "./voice-engine";

function input(request: SandboxRequest): Record<string, string> {
  const out: Record<string, string> = {};
  if (request.json && typeof request.json === "object") {
    for (const [k, v] of Object.entries(request.json as Record<string, unknown>))
      if (v !== undefined && v !== null) out[k] = String(v);
  }
  for (const [k, v] of Object.entries(request.form))
    out[k] = Array.isArray(v) ? v[v.length - 1]! : v;
  return out;
}

function controlRoutes(engine: VoiceEngine): HttpRoute[] {
  const live = (sid: string) => {
    const call = engine.core.call(sid);
    if (!call) throw new SandboxError(404, 20404, `No call ${sid}`);
    if (isTerminal(call.status))
      throw new SandboxError(400, 21220, `Call ${sid} has ended (${call.status})`);
    return call;
  };
  return [
    {
      method: "POST",
      pattern: "/sandbox/calls",
      auth: "none",
      handler: async (request) => {
        const body = input(request);
        if (!body.from || !body.to) throw new SandboxError(400, 21201, "from and to are required");
        const call = await engine.startInboundCall({
          from: body.from,
          to: body.to,
          endpoint: "scripted",
          forwardedFrom: body.forwardedFrom,
        });
        return { status: 201, body: call };
      },
    },
    {
      method: "GET",
      pattern: "/sandbox/calls",
      auth: "none",
      handler: () => ({
        status: 200,
        body: {
          calls: engine.core.state.calls.map((c) => ({
            ...engine.core.snapshot(c),
            activity: c.activity,
            endpoint: c.endpoint,
          })),
        },
      }),
    },
    {
      method: "POST",
      pattern: "/sandbox/calls/:CallSid/digits",
      auth: "none",
      handler: (request) => {
        const digits = input(request).digits ?? "";
        if (!/^[0-9*#w]+$/.test(digits))
          throw new SandboxError(400, 20001, "digits must be 0-9, * or #");
        live(request.params.CallSid!);
        engine.sendDigits(request.params.CallSid!, digits.replace(/w/g, ""));
        return { status: 200, body: { status: "sent" } };
      },
    },
    {
      method: "POST",
      pattern: "/sandbox/calls/:CallSid/speech",
      auth: "none",
      handler: (request) => {
        const text = input(request).text ?? "";
        if (!text.trim()) throw new SandboxError(400, 20001, "text is required");
        live(request.params.CallSid!);
        engine.sendSpeech(request.params.CallSid!, text.trim());
        return { status: 200, body: { status: "sent" } };
      },
    },
    {
      method: "POST",
      pattern: "/sandbox/calls/:CallSid/answer",
      auth: "none",
      handler: (request) => {
        const sid = request.params.CallSid!;
        live(sid);
        if (!engine.answerRinging(sid))
          throw new SandboxError(
            400,
            20001,
            `Call ${sid} is not a ringing client: leg (only those can be answered here)`,
          );
        return { status: 200, body: { status: "answered" } };
      },
    },
    {
      method: "POST",
      pattern: "/sandbox/calls/:CallSid/hangup",
      auth: "none",
      handler: (request) => {
        live(request.params.CallSid!);
        engine.endpointHangup(request.params.CallSid!, "hangup");
        return { status: 200, body: engine.getCall(request.params.CallSid!) };
      },
    },
  ];
}

export function voiceModule(ctx: SandboxContext): SandboxModule {
  const engine = new VoiceEngine(ctx);
  ctx.voice = engine;
  return {
    name: "voice",
    routes: [...voiceRoutes(engine), ...controlRoutes(engine)],
    support: voiceSupport,
    reset: () => engine.reset(),
    snapshot: () => structuredClone(engine.core.state),
    restore(saved) {
      engine.reset();
      const state = structuredClone(saved as VoiceState);
      const now = ctx.clock.now();
      // Live calls cannot survive a restart: they are restored as ended, and said so.
      let ended = 0;
      for (const call of state.calls) {
        if (!isTerminal(call.status)) {
          call.status = call.startTime ? "completed" : "canceled";
          call.endTime = now;
          call.activity = { kind: "ended" };
          ended++;
        }
      }
      for (const conference of state.conferences) {
        if (conference.status !== "completed") {
          conference.status = "completed";
          conference.reasonConferenceEnded = "conference-ended-via-api";
          conference.participants = [];
        }
      }
      for (const queue of state.queues) queue.members = [];
      for (const recording of state.recordings)
        if (recording.status === "in-progress" || recording.status === "paused")
          recording.status = "absent";
      engine.core.state = state;
      if (ended > 0)
        ctx.debugger.report({
          level: "warning",
          code: 0,
          message: `${ended} live call(s) in the restored snapshot were ended: calls do not survive a restart`,
        });
    },
    state: () => ({
      calls: engine.core.state.calls.slice(-200).map((c) => ({
        ...engine.core.snapshot(c),
        activity: c.activity,
        endpoint: c.endpoint,
        queueTime: c.queueTime,
      })),
      conferences: engine.core.state.conferences
        .filter((c) => c.status !== "completed")
        .map((c) => engine.conferences.view(c)),
      queues: engine.core.state.queues.map((q) => ({
        sid: q.sid,
        friendlyName: q.friendlyName,
        members: q.members.map((m) => ({ callSid: m.callSid, dateEnqueued: m.dateEnqueued })),
      })),
      recordings: engine.core.state.recordings.slice(-50).map((r) => engine.recordings.view(r)),
    }),
    close: () => engine.reset(),
  };
}
