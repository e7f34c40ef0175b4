import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside a React Server Components bundle; the guard it gives is
      // about bundling, which tests do not do.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.integration-test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    environment: "node",
    globalSetup: ["./lib/testing/global-setup.ts"],
    setupFiles: ["./lib/testing/setup.ts"],
    // next-auth imports `next/server` without an extension, which Node's ESM resolver rejects;
    // processing it through Vite resolves it like the Next.js bundler does.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
