/** Parses TwiML so tests assert structure (verbs, attributes, nesting), not strings. */
import { DOMParser, type Element } from "@xmldom/xmldom";

export interface Verb {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Verb[];
}

function toVerb(el: Element): Verb {
  const attrs: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    attrs[a.name] = a.value;
  }
  const children: Verb[] = [];
  let text = "";
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) children.push(toVerb(n as Element));
    else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue ?? "";
  }
  return { name: el.tagName, attrs, text: text.trim(), children };
}

export function parseTwiml(xml: string): Verb {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== "warning") errors.push(msg); } }).parseFromString(xml, "text/xml");
  if (errors.length) throw new Error(`invalid TwiML: ${errors.join("; ")}\n${xml}`);
  const root = toVerb(doc.documentElement as unknown as Element);
  if (root.name !== "Response") throw new Error(`TwiML root is <${root.name}>`);
  return root;
}

/** All verbs/nouns with that name, depth-first. */
export function findAll(verb: Verb, name: string): Verb[] {
  return [...(verb.name === name ? [verb] : []), ...verb.children.flatMap((c) => findAll(c, name))];
}

export function spokenText(verb: Verb): string {
  return findAll(verb, "Say").map((s) => s.text).join(" ");
}
