"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { saveBusinessHoursAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
interface Slot {
  dayOfWeek: number;
  opensAt: string;
  closesAt: string;
}

export function BusinessHoursEditor({ timezone, slots: initial, timezones }: { timezone: string; slots: Slot[]; timezones: string[] }) {
  const [zone, setZone] = useState(timezone);
  const [slots, setSlots] = useState<Slot[]>(initial);
  const { run, pending, error, saved } = useAction(saveBusinessHoursAction);

  const update = (index: number, patch: Partial<Slot>) => setSlots((s) => s.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)));
  const remove = (index: number) => setSlots((s) => s.filter((_, i) => i !== index));
  const add = (day: number) => setSlots((s) => [...s, { dayOfWeek: day, opensAt: "09:00", closesAt: "17:00" }]);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run({ timezone: zone, slots });
      }}
      className="space-y-4"
      aria-label="Opening hours"
    >
      <div className="max-w-sm space-y-1">
        <Label htmlFor="timezone">Business time zone</Label>
        <Select id="timezone" value={zone} onChange={(e) => setZone(e.target.value)}>
          {timezones.map((tz) => <option key={tz} value={tz}>{tz}</option>)}
        </Select>
      </div>
      <table className="min-w-full text-sm">
        <tbody className="divide-y divide-slate-100">
          {DAYS.map((day, dayOfWeek) => {
            const entries = slots.map((s, i) => ({ s, i })).filter(({ s }) => s.dayOfWeek === dayOfWeek);
            return (
              <tr key={day}>
                <th scope="row" className="w-32 py-2 pr-4 text-left align-top font-medium">{day}</th>
                <td className="py-2">
                  {entries.length === 0 ? <span className="text-slate-500">Closed</span> : null}
                  <div className="space-y-2">
                    {entries.map(({ s, i }) => (
                      <div key={i} className="flex items-center gap-2">
                        <Input aria-label={`${day} opens at`} type="time" value={s.opensAt} onChange={(e) => update(i, { opensAt: e.target.value })} className="w-32" />
                        <span aria-hidden>–</span>
                        <Input aria-label={`${day} closes at`} value={s.closesAt} onChange={(e) => update(i, { closesAt: e.target.value })} className="w-32" placeholder="17:00" />
                        <Button variant="ghost" size="sm" onClick={() => remove(i)} aria-label={`Remove ${day} ${s.opensAt}–${s.closesAt}`}>Remove</Button>
                      </div>
                    ))}
                  </div>
                </td>
                <td className="py-2 text-right align-top">
                  <Button variant="ghost" size="sm" onClick={() => add(dayOfWeek)} aria-label={`Add opening hours on ${day}`}>Add hours</Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">Use 24:00 for “until midnight”. Calls outside these hours go to voicemail.</p>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save hours"}</Button>
        <FormStatus error={error} saved={saved} />
      </div>
    </form>
  );
}
