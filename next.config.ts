import type { NextConfig } from "next";
// Validates the configuration when the server (or the build) starts: a bad value fails here.
import { env } from "./lib/env";
import { securityHeaders } from "./lib/server/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Node-only packages loaded at run time instead of bundled.
  serverExternalPackages: ["pino", "pino-pretty", "twilio", "@electric-sql/pglite", "pg"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({ https: env.PUBLIC_BASE_URL.startsWith("https://") }),
      },
    ];
  },
};

export default nextConfig;
