import type { Listener, SoftphoneCall, TrackedCall } from "./types";

let localIds = 0;

export function describeCall(call: SoftphoneCall, direction: TrackedCall["direction"], state: TrackedCall["state"]): TrackedCall {
  const params = call.parameters ?? {};
  return {
    key: params.CallSid || `local-${++localIds}`,
    call,
    direction,
    state,
    from: params.From ?? "",
    to: params.To ?? call.customParameters?.get("To") ?? "",
    muted: call.isMuted(),
    connectedAt: null,
  };
}

/**
 * Follows one Call's events into `update` (a patch) and `remove`; returns the function that takes
 * every listener off again (called when the call ends and when the provider unmounts).
 */
export function trackCall(call: SoftphoneCall, handlers: { update: (patch: Partial<TrackedCall>) => void; remove: () => void }): () => void {
  const listeners: Record<string, Listener> = {
    accept: () => handlers.update({ state: "open", connectedAt: Date.now(), key: call.parameters?.CallSid || undefined }),
    ringing: () => handlers.update({ state: "connecting" }),
    mute: ((muted: boolean) => handlers.update({ muted })) as Listener,
    reconnecting: () => handlers.update({ state: "reconnecting" }),
    reconnected: () => handlers.update({ state: "open" }),
    disconnect: () => handlers.remove(),
    cancel: () => handlers.remove(),
    reject: () => handlers.remove(),
  };
  for (const [event, listener] of Object.entries(listeners)) call.on(event, listener);
  return () => {
    for (const [event, listener] of Object.entries(listeners)) call.removeListener(event, listener);
  };
}
