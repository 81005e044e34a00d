"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface VolumeDatum {
  label: string;
  answered: number;
  abandoned: number;
  other: number;
  outbound: number;
}

/** Stacked bars of call volume: answered / abandoned / other inbound, and outbound. */
export function VolumeChart({ data, title }: { data: VolumeDatum[]; title: string }) {
  const total = data.reduce((n, d) => n + d.answered + d.abandoned + d.other + d.outbound, 0);
  return (
    <figure className="h-72 w-full" aria-label={`${title}: ${total} calls`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#64748b" }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#64748b" }} />
          <Tooltip cursor={{ fill: "#f1f5f9" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="answered" name="Answered" stackId="in" fill="#10b981" />
          <Bar dataKey="abandoned" name="Abandoned" stackId="in" fill="#ef4444" />
          <Bar dataKey="other" name="Voicemail / callback" stackId="in" fill="#94a3b8" />
          <Bar dataKey="outbound" name="Outbound" fill="#2f6fec" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
