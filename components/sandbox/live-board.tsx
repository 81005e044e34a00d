/** Calls, conferences, TaskRouter tasks with their reservations, and workers, as the sandbox sees them. */
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { SandboxBoard } from "@/lib/server/sandbox/get-sandbox-board";

const TH = "px-2 py-1 text-left text-xs font-medium uppercase tracking-wide text-slate-500";
const TD = "px-2 py-1 align-top";

function Table({ label, headers, empty, children }: { label: string; headers: string[]; empty: boolean; children: React.ReactNode }) {
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-800">{label}</h3>
      {empty ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <table aria-label={label} className="mt-1 w-full text-sm">
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h} className={TH}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </div>
  );
}

export function LiveBoard({ board }: { board: SandboxBoard }) {
  return (
    <Card aria-label="Live board">
      <CardHeader title="Live board" description="Refreshed every second from the sandbox." />
      <CardBody className="space-y-5">
        <Table label="Calls" headers={["Call", "From", "To", "Direction", "Status", "Doing"]} empty={board.calls.length === 0}>
          {board.calls.map((c) => (
            <tr key={c.sid} data-call-sid={c.sid}>
              <td className={`${TD} font-mono text-xs`}>{c.sid.slice(0, 10)}…</td>
              <td className={TD}>{c.from}</td>
              <td className={TD}>{c.to}</td>
              <td className={TD}>{c.direction}</td>
              <td className={TD}>{c.status}</td>
              <td className={TD}>{c.activity}</td>
            </tr>
          ))}
        </Table>
        <Table label="Conferences" headers={["Conference", "Name", "Status", "Participants"]} empty={board.conferences.length === 0}>
          {board.conferences.map((c) => (
            <tr key={c.sid}>
              <td className={`${TD} font-mono text-xs`}>{c.sid.slice(0, 10)}…</td>
              <td className={`${TD} font-mono text-xs`}>{c.friendlyName}</td>
              <td className={TD}>{c.status}</td>
              <td className={TD}>
                {c.participants.map((p) => `${p.callSid.slice(0, 8)}…${p.hold ? " (hold)" : ""}${p.muted ? " (muted)" : ""}${p.coaching ? " (coach)" : ""}`).join(", ")}
              </td>
            </tr>
          ))}
        </Table>
        <Table label="Tasks" headers={["Task", "Type", "Status", "Age", "Reservations"]} empty={board.tasks.length === 0}>
          {board.tasks.map((t) => (
            <tr key={t.sid}>
              <td className={`${TD} font-mono text-xs`}>{t.sid.slice(0, 10)}…</td>
              <td className={TD}>{t.type ?? "—"}</td>
              <td className={TD}>{t.status}</td>
              <td className={TD}>{t.ageSeconds}s</td>
              <td className={TD}>{t.reservations.map((r) => `${r.worker}: ${r.status}`).join(", ") || "—"}</td>
            </tr>
          ))}
        </Table>
        <Table label="Workers" headers={["Worker", "Activity", "Connected"]} empty={board.workers.length === 0}>
          {board.workers.map((w) => (
            <tr key={w.sid}>
              <td className={TD}>{w.name}</td>
              <td className={TD}>
                <Badge tone={w.available ? "success" : "neutral"}>{w.activity}</Badge>
              </td>
              <td className={TD}>{w.connected ? "yes" : "no"}</td>
            </tr>
          ))}
        </Table>
      </CardBody>
    </Card>
  );
}
