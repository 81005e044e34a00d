"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { saveIvrAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

type Action = "QUEUE" | "VOICEMAIL" | "CALLBACK";
interface Option {
  digit: string;
  label: string;
  keywords: string[];
  action: Action;
  queueId: string | null;
}

const LANGUAGES = [
  ["en-US", "English (US)"],
  ["en-GB", "English (UK)"],
  ["es-ES", "Spanish (Spain)"],
  ["es-US", "Spanish (US)"],
] as const;

export function IvrEditor(props: { greeting: string; language: string; options: Option[]; queues: { id: string; name: string }[] }) {
  const [greeting, setGreeting] = useState(props.greeting);
  const [language, setLanguage] = useState(props.language);
  const [options, setOptions] = useState<Option[]>(props.options);
  const { run, pending, error, saved } = useAction(saveIvrAction);
  const update = (i: number, patch: Partial<Option>) => setOptions((o) => o.map((opt, j) => (j === i ? { ...opt, ...patch } : opt)));
  const nextDigit = () => String([1, 2, 3, 4, 5, 6, 7, 8, 9].find((d) => !options.some((o) => o.digit === String(d))) ?? 9);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        run({ greeting, language: language as "en-US", options });
      }}
      className="space-y-5"
      aria-label="Phone menu"
    >
      <div className="space-y-1">
        <Label htmlFor="greeting">Greeting</Label>
        <textarea
          id="greeting"
          value={greeting}
          onChange={(e) => setGreeting(e.target.value)}
          rows={2}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
      </div>
      <div className="max-w-xs space-y-1">
        <Label htmlFor="language">Menu language (speech recognition and voice)</Label>
        <Select id="language" value={language} onChange={(e) => setLanguage(e.target.value)}>
          {LANGUAGES.map(([code, name]) => <option key={code} value={code}>{name}</option>)}
        </Select>
      </div>
      <table className="min-w-full text-sm">
        <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr><th className="py-2">Key</th><th className="py-2">Option</th><th className="py-2">Spoken words</th><th className="py-2">Goes to</th><th /></tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {options.map((o, i) => (
            <tr key={i}>
              <td className="py-2 pr-2">
                <Input aria-label={`Key for ${o.label || "option"}`} value={o.digit} maxLength={1} onChange={(e) => update(i, { digit: e.target.value })} className="w-14 text-center" />
              </td>
              <td className="py-2 pr-2"><Input aria-label={`Name of option ${o.digit}`} value={o.label} onChange={(e) => update(i, { label: e.target.value })} /></td>
              <td className="py-2 pr-2">
                <Input aria-label={`Spoken words for option ${o.digit}`} value={o.keywords.join(", ")} onChange={(e) => update(i, { keywords: e.target.value.split(",").map((k) => k.trim()).filter(Boolean) })} />
              </td>
              <td className="py-2 pr-2">
                <div className="flex gap-2">
                  <Select aria-label={`Action of option ${o.digit}`} value={o.action} onChange={(e) => update(i, { action: e.target.value as Action })} className="w-36">
                    <option value="QUEUE">Queue</option>
                    <option value="VOICEMAIL">Voicemail</option>
                    <option value="CALLBACK">Callback</option>
                  </Select>
                  {o.action === "QUEUE" ? (
                    <Select aria-label={`Queue of option ${o.digit}`} value={o.queueId ?? ""} onChange={(e) => update(i, { queueId: e.target.value || null })} className="w-40">
                      <option value="">Choose…</option>
                      {props.queues.map((q) => <option key={q.id} value={q.id}>{q.name}</option>)}
                    </Select>
                  ) : null}
                </div>
              </td>
              <td className="py-2 text-right">
                <Button variant="ghost" size="sm" onClick={() => setOptions((all) => all.filter((_, j) => j !== i))} aria-label={`Remove option ${o.digit}`}>Remove</Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex items-center gap-3">
        <Button variant="secondary" onClick={() => setOptions((o) => [...o, { digit: nextDigit(), label: "", keywords: [], action: "QUEUE", queueId: null }])} disabled={options.length >= 9}>
          Add option
        </Button>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : "Save menu"}</Button>
        <FormStatus error={error} saved={saved} />
      </div>
    </form>
  );
}
