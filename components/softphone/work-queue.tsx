"use client";

import { useEffect, useState, type ReactNode } from "react";
import type { SoftphoneCall, TrackedCall } from "@/components/providers/device-provider/types";
import type { TrackedReservation } from "@/components/providers/worker-provider/types";
import { EmptyState } from "@/components/ui/empty-state";
import { HttpError, postJson } from "@/lib/client/post-json";
import { formatAddress } from "@/lib/format";
import { useActiveCalls } from "@/lib/hooks/use-active-calls";
import { useReservations } from "@/lib/hooks/use-reservations";
import type { AgentWorkspaceProps } from "./agent-workspace";
import { CallPanel, callTitle } from "./call-panel";
import { IncomingAlert } from "./incoming-alert";
import { useMultiCall } from "./multi-call-context";
import { ReservationCard } from "./reservation-card";
import { postReservationAction } from "./reservation-request";
import { WrapupForm } from "./wrapup-form";

/** The agent's own outbound call: TaskRouter reserves it for them and the server accepts it at once. */
const isOutbound = (r: TrackedReservation) => r.task.attributes.type === "call" && r.task.attributes.direction === "outbound";
const isVoiceCall = (r: TrackedReservation) => r.task.attributes.type === "call" && typeof r.task.attributes.call_sid === "string" && !isOutbound(r);
const isTransfer = (r: TrackedReservation) => r.task.attributes.type === "transfer";
/** How long an accepted transfer waits for the server's call into the conference to ring the softphone. */
const TRANSFER_LEG_WINDOW_MS = 30_000;

/**
 * Accepting through the server right after the offer can beat TaskRouter's reservation.created
 * event callback, which is what tells the server about the reservation (404 until then): try again briefly.
 */
async function acceptOnServer(reservationSid: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postJson(`/api/reservations/${reservationSid}/accept`);
    } catch (e) {
      if (!(e instanceof HttpError) || e.status !== 404 || attempt >= 6) throw e;
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
  }
}

/**
 * Offered, live and wrapping work. A queued call reaches the agent twice: as a reservation in the
 * Worker and as a ringing call on the Device (the assignment's conference instruction dials the
 * agent). Accepting answers that call; the reservation is accepted when the agent's leg connects.
 * A transferred call is the other way round: accepting asks the server, which dials the agent into
 * the caller's conference, and the softphone answers that call when it rings.
 */
export function WorkQueue({ dispositions, recording, header }: AgentWorkspaceProps & { header(busyReason: string | null): ReactNode }) {
  const { pending, accepted, wrapping } = useReservations();
  const { ringing, live } = useActiveCalls();
  const [links, setLinks] = useState<Record<string, SoftphoneCall>>({});
  // An accepted transfer whose leg has not rung yet: the next unlinked ringing call is its leg.
  const [awaitingLeg, setAwaitingLeg] = useState<{ taskSid: string } | null>(null);
  // Held calls whose softphone leg was dropped for another call stay on screen, on hold.
  const heldTasks = useMultiCall()?.heldTasks;
  const linkedCalls = new Set(Object.values(links));
  const unlinkedRinging = ringing.filter((c) => !linkedCalls.has(c.call));

  // Accepted work (and offered work the agent just answered): its linked call, or (after a
  // reload) the one unlinked live inbound call.
  const spareInbound = live.filter((c) => c.direction === "inbound" && !linkedCalls.has(c.call));
  // An outbound task's call is the softphone's own outgoing call (its CallSid is in the task).
  const spareOutbound = live.filter((c) => c.direction === "outbound" && !linkedCalls.has(c.call));
  const takeOutbound = (r: TrackedReservation) => {
    const index = spareOutbound.findIndex((c) => c.key === r.task.attributes.agent_call_sid);
    return index >= 0 ? spareOutbound.splice(index, 1)[0] : undefined;
  };
  const offered = pending.filter((r) => !isOutbound(r) && !links[r.task.sid] && awaitingLeg?.taskSid !== r.task.sid);
  const onCall: { reservation: TrackedReservation; call: TrackedCall | null }[] = [];
  const toWrap: TrackedReservation[] = [...wrapping];
  for (const reservation of [...pending.filter((r) => links[r.task.sid] || awaitingLeg?.taskSid === r.task.sid || isOutbound(r)), ...accepted]) {
    const linked = links[reservation.task.sid];
    const call = linked
      ? live.find((c) => c.call === linked)
      : isOutbound(reservation)
        ? takeOutbound(reservation)
        : isVoiceCall(reservation) || isTransfer(reservation)
          ? spareInbound.shift()
          : undefined;
    if (call) onCall.push({ reservation, call });
    else if (awaitingLeg?.taskSid === reservation.task.sid || (linked && ringing.some((c) => c.call === linked))) onCall.push({ reservation, call: null });
    else if (reservation.status === "accepted" && heldTasks?.has(reservation.task.sid)) onCall.push({ reservation, call: null });
    else if (reservation.status !== "pending") toWrap.push(reservation);
  }

  // Answer the accepted transfer's leg when it rings; it is linked to the task once answered.
  const nextRinging = unlinkedRinging[0]?.call;
  useEffect(() => {
    if (!awaitingLeg || !nextRinging) return;
    const onAccept = () => {
      setLinks((l) => ({ ...l, [awaitingLeg.taskSid]: nextRinging }));
      setAwaitingLeg(null);
    };
    nextRinging.on("accept", onAccept);
    nextRinging.accept();
    return () => void nextRinging.removeListener("accept", onAccept);
  }, [awaitingLeg, nextRinging]);
  // The leg never rang (the call ended meanwhile): stop waiting, the task goes to wrap-up.
  useEffect(() => {
    if (!awaitingLeg) return;
    const id = window.setTimeout(() => setAwaitingLeg(null), TRANSFER_LEG_WINDOW_MS);
    return () => window.clearTimeout(id);
  }, [awaitingLeg]);
  const attributed = new Set(onCall.flatMap((o) => (o.call ? [o.call.call] : [])));
  const ownCalls = live.filter((c) => !attributed.has(c.call));

  async function accept(reservation: TrackedReservation) {
    if (isVoiceCall(reservation)) {
      const call = unlinkedRinging[0];
      if (!call) throw new Error("The call is not ringing on your softphone yet.");
      setLinks((l) => ({ ...l, [reservation.task.sid]: call.call }));
      call.call.accept();
    } else if (isTransfer(reservation)) {
      setAwaitingLeg({ taskSid: reservation.task.sid });
      try {
        await acceptOnServer(reservation.sid);
      } catch (e) {
        setAwaitingLeg(null);
        throw e;
      }
    } else {
      await acceptOnServer(reservation.sid);
    }
  }
  /** Back to a held call whose leg is gone: the server dials the agent in; its leg is answered when it rings. */
  async function rejoin(taskSid: string) {
    setAwaitingLeg({ taskSid });
    try {
      await postJson(`/api/tasks/${taskSid}/rejoin`, {});
    } catch (e) {
      setAwaitingLeg(null);
      throw e;
    }
  }
  const reject = (reservation: TrackedReservation) => postReservationAction(reservation.sid, "reject").then(() => undefined);

  const busyReason = live.length > 0 ? "you are on a call." : accepted.length + wrapping.length > 0 ? "finish your wrap-up first." : null;
  const first = offered[0];
  const firstCaller = first?.task.attributes.caller;
  return (
    <div className="space-y-4">
      {header(busyReason)}
      <IncomingAlert active={offered.length > 0} title="Incoming call" body={typeof firstCaller === "string" ? formatAddress(firstCaller) : "New task"} />
      {offered.length + onCall.length + toWrap.length + ownCalls.length === 0 ? (
        <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <EmptyState title="No work right now">Go Available to receive calls and tasks.</EmptyState>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {offered.map((r, i) => (
          <ReservationCard key={r.sid} shortcuts={i === 0} reservation={r} canAnswer={!isVoiceCall(r) || unlinkedRinging.length > 0} onAccept={() => accept(r)} onReject={() => reject(r)} />
        ))}
        {onCall.map(({ reservation, call }, i) => (
          <CallPanel
            key={reservation.sid}
            shortcuts={i === 0}
            call={call}
            reservation={reservation}
            recording={reservation.task.attributes.direction === "outbound" ? recording.outbound : recording.inbound}
            title={callTitle(call, reservation)}
            onRejoin={() => rejoin(reservation.task.sid)}
          />
        ))}
        {ownCalls.map((call, i) => (
          <CallPanel key={call.key} shortcuts={onCall.length === 0 && i === 0} call={call} reservation={null} recording={recording.outbound} title={callTitle(call, null)} />
        ))}
        {toWrap.map((r) => (
          <WrapupForm key={r.sid} reservation={r} dispositions={dispositions} />
        ))}
      </div>
    </div>
  );
}
