import type { NextConfig } from "next";
import { MAX_ACTION_BODY_BYTES } from "./lib/crypto/limits";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and Node-only packages stay out of the server bundle; piscina starts the import and probe workers by path (ADR 010, 022).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino", "pg", "piscina"],
  experimental: {
    // forbidden() answers 403 for pages a role may not see.
    authInterrupts: true,
    // One keystore upload per action (each file is checked again, with a message at its field).
    serverActions: { bodySizeLimit: MAX_ACTION_BODY_BYTES },
    // Rewrites icon barrel imports into per-icon ones (Carbon components: see components/carbon.ts).
    optimizePackageImports: ["@carbon/icons-react"],
  },
  sassOptions: {
    silenceDeprecations: ["legacy-js-api", "import", "global-builtin", "slash-div", "if-function"],
  },
  // Browsers still ask for /favicon.ico now and then; answer with the app icon rather than a 404.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
