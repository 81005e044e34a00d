import { Badge, type BadgeTone } from "./badge";

const OUTCOME_TONE: Record<string, BadgeTone> = {
  answered: "success",
  abandoned: "danger",
  missed: "warning",
  failed: "danger",
  voicemail: "info",
  callback: "info",
};

export function OutcomeBadge({ outcome }: { outcome: string | null }) {
  if (!outcome) return <span className="text-slate-500">—</span>;
  return <Badge tone={OUTCOME_TONE[outcome] ?? "neutral"}>{outcome}</Badge>;
}
