import { inject } from "vitest";

// Runs before each test file is imported, so lib/env.ts sees the test database.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.AUTH_SECRET = "integration-test-secret-0123456789abcdef";
process.env.LOG_LEVEL = "silent";
process.env.PUBLIC_BASE_URL = "http://localhost:3000";
