import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { TEST_CREDENTIALS } from "../support/test-credentials";

// Runs before each test file is imported, so lib/env.ts sees the test database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET = "integration-test-secret-0123456789abcdef";
process.env.LOG_LEVEL = "silent";
process.env.PUBLIC_BASE_URL = "http://localhost:3000";

// Sandbox mode: credentials from a data dir of our own, REST calls to a fake Twilio on this port.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-it-"));
fs.mkdirSync(path.join(dataDir, "sandbox"), { recursive: true });
fs.writeFileSync(path.join(dataDir, "sandbox", "credentials.json"), JSON.stringify(TEST_CREDENTIALS));
process.env.DATA_DIR = dataDir;
const fakePort = 41000 + Math.floor(Math.random() * 8000);
process.env.SANDBOX_URL = `http://127.0.0.1:${fakePort}`;
process.env.FAKE_TWILIO_PORT = String(fakePort);
export {};
