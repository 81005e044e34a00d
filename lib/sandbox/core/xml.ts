/**
 * A small strict XML reader for TwiML (voice and messaging). Well-formedness errors are what
 * Twilio reports as 12100 "Document parse failure", so a strict parser (saxes) is the point.
 */
import { SaxesParser } from "saxes";

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content (CDATA included), trimmed. */
  text: string;
}

export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlParseError";
  }
}

export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: { el: XmlElement; text: string[] }[] = [];
  let root: XmlElement | null = null;
  let error: Error | null = null;
  parser.on("error", (e) => {
    error ??= e;
  });
  parser.on("opentag", (tag) => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes))
      attrs[k] = typeof v === "string" ? v : String((v as { value: string }).value);
    const el: XmlElement = { name: tag.name, attrs, children: [], text: "" };
    const parent = stack[stack.length - 1];
    if (parent) parent.el.children.push(el);
    else if (!root) root = el;
    stack.push({ el, text: [] });
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text.push(t);
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", () => {
    const top = stack.pop();
    if (top) top.el.text = top.text.join("").trim();
  });
  try {
    parser.write(source.replace(/^\uFEFF/, "")).close();
  } catch (e) {
    error ??= e as Error;
  }
  if (error) throw new XmlParseError((error as Error).message);
  if (!root) throw new XmlParseError("The document has no root element");
  return root;
}
