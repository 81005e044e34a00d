import fs from "node:fs";

/** Loads .env then .env.local (if present) without overriding variables already set. */
export function loadDotEnv(files = [".env.local", ".env"]) {
  for (const file of files) {
    if (fs.existsSync(file)) process.loadEnvFile(file);
  }
}
