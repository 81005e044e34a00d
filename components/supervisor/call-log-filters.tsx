import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { CALL_OUTCOMES } from "@/lib/validations/call-log";

interface Props {
  values: Record<string, string | undefined>;
  queues: { key: string; name: string }[];
  agents: { id: string; name: string }[];
}

/** A plain GET form: filters live in the URL, so a filtered view can be bookmarked and shared. */
export function CallLogFilters({ values, queues, agents }: Props) {
  return (
    <form method="get" className="grid grid-cols-2 gap-3 px-5 py-4 md:grid-cols-4 xl:grid-cols-8" role="search" aria-label="Filter calls">
      <div className="col-span-2 space-y-1">
        <Label htmlFor="q">Phone number or contact</Label>
        <Input id="q" name="q" type="search" defaultValue={values.q} placeholder="+1 202 555 0111 or Garcia" />
      </div>
      <div className="space-y-1">
        <Label htmlFor="from">From</Label>
        <Input id="from" name="from" type="date" defaultValue={values.from} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="to">To</Label>
        <Input id="to" name="to" type="date" defaultValue={values.to} />
      </div>
      <div className="space-y-1">
        <Label htmlFor="queue">Queue</Label>
        <Select id="queue" name="queue" defaultValue={values.queue ?? ""}>
          <option value="">All queues</option>
          {queues.map((q) => (
            <option key={q.key} value={q.key}>{q.name}</option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="agent">Agent</Label>
        <Select id="agent" name="agent" defaultValue={values.agent ?? ""}>
          <option value="">All agents</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="direction">Direction</Label>
        <Select id="direction" name="direction" defaultValue={values.direction ?? ""}>
          <option value="">Both</option>
          <option value="inbound">Inbound</option>
          <option value="outbound">Outbound</option>
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor="outcome">Outcome</Label>
        <Select id="outcome" name="outcome" defaultValue={values.outcome ?? ""}>
          <option value="">Any</option>
          {CALL_OUTCOMES.map((o) => (
            <option key={o} value={o}>{o}</option>
          ))}
        </Select>
      </div>
      <div className="col-span-2 flex items-end gap-2 md:col-span-4 xl:col-span-8">
        <Button type="submit">Apply filters</Button>
        <a href="?" className="inline-flex h-10 items-center px-3 text-sm font-medium text-slate-600 hover:text-slate-900">Clear</a>
      </div>
    </form>
  );
}
