/** `npm run sandbox:support`: writes lib/sandbox/SUPPORT.md. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { collectSupport, renderSupport } from "./render-support";

export const SUPPORT_FILE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "SUPPORT.md",
);

const markdown = renderSupport(collectSupport());
fs.writeFileSync(SUPPORT_FILE, markdown);
console.log(
  `wrote ${path.relative(process.cwd(), SUPPORT_FILE)} (${markdown.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Area")).length} rows)`,
);
