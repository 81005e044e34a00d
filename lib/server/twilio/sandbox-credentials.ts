/**
 * The sandbox's credentials file (docs/SANDBOX.md): `<DATA_DIR>/sandbox/credentials.json`, written
 * by the sandbox on its first start. No `server-only` guard: the launcher and scripts read it too.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";

export const sandboxCredentialsSchema = z.object({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  authToken: z.string().min(16),
  apiKeySid: z.string().regex(/^SK[0-9a-fA-F]{32}$/),
  apiKeySecret: z.string().min(16),
  phoneNumber: z.string().regex(/^\+[1-9]\d{6,14}$/),
});
export type SandboxCredentials = z.infer<typeof sandboxCredentialsSchema>;

export function sandboxCredentialsPath(dataDir: string): string {
  return path.resolve(dataDir, "sandbox", "credentials.json");
}

let cached: { file: string; mtimeMs: number; value: SandboxCredentials } | null = null;

/**
 * Reads and validates the file; null while it does not exist yet (the sandbox has not started).
 * Re-read when the file changes, so a sandbox reset that rotates credentials is picked up.
 */
export function readSandboxCredentials(dataDir: string): SandboxCredentials | null {
  const file = sandboxCredentialsPath(dataDir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (cached && cached.file === file && cached.mtimeMs === stat.mtimeMs) return cached.value;
  const parsed = sandboxCredentialsSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new Error(`${file} is not a valid sandbox credentials file: ${parsed.error.issues[0]?.message}`);
  }
  cached = { file, mtimeMs: stat.mtimeMs, value: parsed.data };
  return parsed.data;
}
