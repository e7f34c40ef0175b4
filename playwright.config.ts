import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { credentialsFor } from "./lib/sandbox/accounts/credentials";
import { PORTS, PROVIDER_ACCOUNT_ID, RUN_DIR_VARIABLE, SANDBOX_HTTP_URL, portalUrl } from "./e2e/support/run-context";

// Workers load this file again; the environment carries the first process's folder to them.
process.env[RUN_DIR_VARIABLE] ??= mkdtempSync(path.join(os.tmpdir(), "onramp-e2e-"));
const runDir = process.env[RUN_DIR_VARIABLE];

const provider = credentialsFor(PROVIDER_ACCOUNT_ID);

/** Settings both portals share: a fresh data folder, demo users, a fast reconciler. */
function portalEnv(name: "sandbox" | "aws"): Record<string, string> {
  return {
    ONRAMP_DATA_DIR: path.join(runDir, `portal-${name}`),
    ONRAMP_PUBLIC_URL: portalUrl(name),
    AUTH_URL: portalUrl(name),
    ONRAMP_DEMO_SEED: "true",
    ONRAMP_WORKER: "true",
    ONRAMP_RECONCILE_INTERVAL_MS: "1000",
  };
}

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    // Without the networking flags Chromium keeps calling home, which floods a closed network.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

export default defineConfig({
  testDir: "./e2e",
  globalTeardown: "./e2e/support/global-teardown.ts",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: { trace: "retain-on-failure", screenshot: "only-on-failure", actionTimeout: 15_000 },
  projects: [
    { name: "setup-sandbox", testMatch: /sign-in\.setup\.ts/, use: { ...chromium, baseURL: portalUrl("sandbox") }, metadata: { portal: "sandbox" } },
    { name: "sandbox", testDir: "./e2e/sandbox", dependencies: ["setup-sandbox"], use: { ...chromium, baseURL: portalUrl("sandbox") } },
    { name: "setup-aws", testMatch: /sign-in\.setup\.ts/, use: { ...chromium, baseURL: portalUrl("aws") }, metadata: { portal: "aws" } },
    { name: "products-aws", testMatch: /aws-products\.setup\.ts/, dependencies: ["setup-aws"], use: { ...chromium, baseURL: portalUrl("aws") } },
    { name: "aws", testDir: "./e2e/aws", dependencies: ["products-aws"], use: { ...chromium, baseURL: portalUrl("aws") } },
  ],
  webServer: [
    {
      // (a) The embedded default: sandbox cloud in process at demo speed, PGlite.
      command: `node_modules/.bin/next start -p ${PORTS.sandbox}`,
      url: `${portalUrl("sandbox")}/sign-in`,
      env: {
        ...portalEnv("sandbox"),
        ONRAMP_CLOUD: "sandbox",
        ONRAMP_SANDBOX_PROFILE: "realistic",
        ONRAMP_SANDBOX_TIME_SCALE: "0.02",
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // (b) The sandbox cloud served over HTTP, standing in for AWS.
      command: "node_modules/.bin/tsx scripts/sandbox.ts",
      url: `${SANDBOX_HTTP_URL}/_sandbox/health`,
      env: {
        SANDBOX_PORT: String(PORTS.sandboxHttp),
        SANDBOX_STATE_FILE: path.join(runDir, "sandbox-http.json"),
        SANDBOX_PROFILE: "realistic",
        SANDBOX_TIME_SCALE: "0.02",
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // (b) A portal in AWS mode talking to that endpoint through the SDK's own configuration.
      command: `node_modules/.bin/next start -p ${PORTS.aws}`,
      url: `${portalUrl("aws")}/sign-in`,
      env: {
        ...portalEnv("aws"),
        ONRAMP_CLOUD: "aws",
        AWS_ENDPOINT_URL: SANDBOX_HTTP_URL,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: provider.accessKeyId,
        AWS_SECRET_ACCESS_KEY: provider.secretAccessKey,
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
