import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Config is read in one module (lib/env.ts); everything else imports `env`.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through `env` from lib/env.ts." },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    // Processes and tools that are not the app: they assemble the environment the app reads.
    files: ["lib/env.ts", "scripts/**", "prisma/**", "prisma.config.ts", "e2e/**", "tests/**", "bench/**", "lib/sandbox/**", "**/*.test.ts", "vitest.config.ts", "playwright.config.ts", "playwright.*.config.ts"],
    rules: { "no-restricted-properties": "off", "no-console": "off" },
  },
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts", "lib/generated/**", "lib/sandbox/**/generated/**", ".data/**", "test-results/**", "playwright-report/**", "coverage/**"]),
]);
