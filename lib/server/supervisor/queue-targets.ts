/**
 * Which agents a queue can route to, for the live view's per-queue agent counts. TaskRouter owns
 * the real decision (the TaskQueue's TargetWorkers expression); the dashboard only needs the
 * common shapes our provisioning writes: `1==1` (everyone) and `skills HAS 'x'` clauses joined
 * with OR / AND. Anything else counts every agent, so a custom expression never hides agents.
 * https://www.twilio.com/docs/taskrouter/expression-syntax
 */

const EVERYONE = /^\s*(1\s*==\s*1|true)\s*$/i;
const HAS = /^\s*skills\s+(?:HAS|CONTAINS)\s+['"]([^'"]+)['"]\s*$/i;
const IN = /^\s*['"]([^'"]+)['"]\s+IN\s+skills\s*$/i;

export type SkillMatcher = (skills: readonly string[]) => boolean;

function clause(text: string): SkillMatcher | null {
  if (EVERYONE.test(text)) return () => true;
  const skill = HAS.exec(text)?.[1] ?? IN.exec(text)?.[1];
  return skill ? (skills) => skills.includes(skill) : null;
}

export function queueTargetMatcher(targetWorkers: string): SkillMatcher {
  const everyone: SkillMatcher = () => true;
  const anyOf = targetWorkers.split(/\s+OR\s+|\s*\|\|\s*/i).map((part) => {
    const allOf = part.split(/\s+AND\s+|\s*&&\s*/i).map((c) => clause(c.replace(/^\s*\(|\)\s*$/g, "")));
    if (allOf.some((m) => m === null)) return null;
    return (skills: readonly string[]) => allOf.every((m) => m!(skills));
  });
  if (anyOf.some((m) => m === null)) return everyone;
  return (skills) => anyOf.some((m) => m!(skills));
}
