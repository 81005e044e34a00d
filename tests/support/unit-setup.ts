// Unit tests never touch a database or Twilio; give lib/env.ts a quiet, valid environment.
process.env.LOG_LEVEL ??= "silent";
process.env.AUTH_SECRET ??= "unit-test-secret-unit-test-secret-0000";
