/**
 * `npm run bench`: how the support dashboard's tenant list scales; how long a PrivateLink
 * connection takes from request to available against the sandbox's realistic profile; how close a
 * Site-to-Site VPN gets to the critical path of its plan, and how many AWS calls it makes; and bulk
 * onboarding of many tenants at once against AWS's request buckets. It prints a table; nothing
 * here asserts timings (tests never do).
 *
 * Like the test setup, it sets the environment before anything reads lib/env.ts, so every import of
 * Onramp code below is dynamic. `npm run bench` runs it with the react-server condition, under
 * which the DAL's `import "server-only"` resolves as it does inside Next.js, and `next/navigation`
 * is resolved as Next.js resolves it for server code (./next-server-modules.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { DatabaseHandle as Handle, Db } from "@/db/client";
import { resolveNextAsServer } from "./next-server-modules";
import { atAwsSpeed, seconds, type BenchRow } from "./report";

const TENANTS = 5_000;
const CONNECTIONS = 20_000;
const RUNS = 15;
/** PrivateLink: AWS's waits at a twentieth (an endpoint's 1-2 minutes take 3-6 s). */
const TIME_SCALE = 0.05;
/** One Site-to-Site plan at a time: its 3-10 minute VPN connection takes 4-12 s. */
const SITE_TO_SITE_TIME_SCALE = 0.02;
const SITE_TO_SITE_RUNS = 5;
/**
 * Bulk onboarding runs slower: every AWS call also costs this process CPU (SDK, sandbox, the
 * engine's database), and the scaled request buckets must stay the limit, not this machine.
 */
const BULK_TIME_SCALE = 0.2;
const BULK_TENANTS = 200;
const BULK_WORKERS = 3;

const workDir = mkdtempSync(path.join(os.tmpdir(), "onramp-bench-"));
process.env.ONRAMP_DATA_DIR = workDir;
process.env.ONRAMP_CLOUD = "sandbox";
process.env.ONRAMP_SANDBOX_PROFILE = "realistic";
process.env.ONRAMP_SANDBOX_TIME_SCALE = String(TIME_SCALE);
process.env.ONRAMP_WORKER = "false";
process.env.ONRAMP_DEMO_SEED = "false";
process.env.AUTH_SECRET ??= "bench-only-secret-bench-only-secret-0123";
delete process.env.DATABASE_URL;
const postgresUrl = process.env.TEST_DATABASE_URL;

resolveNextAsServer();
const { openDatabase, database } = await import("@/db/client");
const { migrateDatabase } = await import("@/db/migrate");
const schema = await import("@/db/schema");
const { listTenantsPage } = await import("@/lib/dal/tenants");
const { decodeCursor } = await import("@/lib/dal/page-cursor");
const { createScratchDatabase } = await import("@/lib/testing/test-database");
const { createTenant, createUser } = await import("@/lib/testing/fixtures");
const { eq } = await import("drizzle-orm");

const provider = { userId: "00000000-0000-4000-8000-000000000001", email: "bench@provider.example", name: "Bench", role: "provider_support" as const, tenantId: null, ip: null };

const rows: BenchRow[] = [];

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms`;
}

async function time(run: () => Promise<unknown>): Promise<number[]> {
  await run(); // warm-up: plans and caches
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    out.push(performance.now() - start);
  }
  return out;
}

const STATUSES = ["available", "available", "awaiting_endpoint", "accepting", "failed", "removed"] as const;
const WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne"];

async function fill(db: Db): Promise<void> {
  const [product] = await db.insert(schema.products).values({ slug: "bench", name: "Bench" }).returning({ id: schema.products.id });
  if (!product) throw new Error("product insert returned nothing");
  const [region] = await db
    .insert(schema.productRegions)
    .values({ productId: product.id, region: "us-east-1", serviceId: "vpce-svc-0bench0000000000a", serviceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0bench0000000000a", zoneIds: ["use1-az1"], ports: [443], acceptanceRequired: true })
    .returning({ id: schema.productRegions.id });
  if (!region) throw new Error("product region insert returned nothing");

  const tenantIds: string[] = [];
  for (let i = 0; i < TENANTS; i += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, TENANTS - i) }, (_, j) => {
      const n = i + j;
      return { name: `${WORDS[n % WORDS.length]} ${n} Holdings`, slug: `bench-${n}` };
    });
    const inserted = await db.insert(schema.tenants).values(batch).returning({ id: schema.tenants.id });
    tenantIds.push(...inserted.map((t) => t.id));
  }
  for (let i = 0; i < CONNECTIONS; i += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, CONNECTIONS - i) }, (_, j) => {
      const n = i + j;
      return {
        tenantId: tenantIds[n % tenantIds.length] ?? "",
        location: "aws" as const,
        type: "privatelink" as const,
        productRegionId: region.id,
        awsAccountId: String(100_000_000_000 + n),
        status: STATUSES[n % STATUSES.length] ?? "available",
      };
    });
    await db.insert(schema.connections).values(batch);
  }
}

async function benchTenantList(label: string, handle: Handle): Promise<void> {
  await migrateDatabase(handle);
  const fillStart = performance.now();
  await fill(handle.db);
  rows.push({ what: `${label}: insert ${TENANTS} tenants + ${CONNECTIONS} connections`, value: `${((performance.now() - fillStart) / 1000).toFixed(1)} s` });

  // A cursor near the end, found by walking pages the way a person paging through would.
  let cursor = null;
  for (let page = 0; page < Math.floor(TENANTS / 100) - 1; page++) {
    const next = (await listTenantsPage(handle.db, provider, { cursor, limit: 100 })).next;
    if (!next) break;
    cursor = decodeCursor(next);
  }
  const deep = cursor;
  rows.push({ what: `${label}: tenant list, first page (25)`, value: stats(await time(() => listTenantsPage(handle.db, provider, { limit: 25 }))) });
  rows.push({ what: `${label}: tenant list, search "wonka 4"`, value: stats(await time(() => listTenantsPage(handle.db, provider, { search: "wonka 4", limit: 25 }))) });
  rows.push({ what: `${label}: tenant list, search with no match`, value: stats(await time(() => listTenantsPage(handle.db, provider, { search: "zzz-none", limit: 25 }))) });
  rows.push({ what: `${label}: tenant list, page ~${Math.floor(TENANTS / 25) - 4} (keyset)`, value: stats(await time(() => listTenantsPage(handle.db, provider, { cursor: deep, limit: 25 }))) });
}

async function benchPrivateLink(db: Db): Promise<void> {
  const { createPrivateLinkConnection, simulateCustomerEndpoint } = await import("@/lib/connectivity/privatelink/connection-requests");
  const { reconcileDueNow } = await import("@/lib/connectivity/privatelink/reconciler");
  const { privateLinkPlan } = await import("@/lib/connectivity/privatelink/plan");
  const { runUntilIdle } = await import("@/lib/engine/executor");
  const { latestRunId } = await import("@/lib/engine/runs");
  const { scaledEngineTiming } = await import("./scaled-clock");
  const [region] = await db.select({ id: schema.productRegions.id }).from(schema.productRegions).limit(1);
  if (!region) throw new Error("the sandbox registered no products");
  const tenant = await createTenant(db, "Bench Customer");
  const admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });

  const start = performance.now();
  const { id } = await createPrivateLinkConnection(db, admin, { awsAccountId: "123412341234", productRegionId: region.id });
  // The engine's allow-listing run, as the portal's worker runs it.
  const runId = await latestRunId(db, id);
  if (!runId) throw new Error("createPrivateLinkConnection started no run");
  await runUntilIdle(db, { plans: [privateLinkPlan], ...scaledEngineTiming(TIME_SCALE), runIds: [runId], timeoutMs: 60_000 });
  const allowListed = performance.now();
  await simulateCustomerEndpoint(db, admin, id);
  const created = performance.now();
  let status = "";
  // The reconciler's loop, at a 250 ms interval, until AWS reports the endpoint available.
  while (performance.now() - start < 10 * 60_000) {
    await reconcileDueNow(db);
    const [row] = await db.select({ status: schema.connections.status }).from(schema.connections).where(eq(schema.connections.id, id));
    status = row?.status ?? "";
    if (status === "available" || status === "failed") break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const done = performance.now();
  rows.push({ what: `PrivateLink: request -> allow-listed (timeScale ${TIME_SCALE})`, value: atAwsSpeed(allowListed - start, TIME_SCALE) });
  rows.push({ what: "PrivateLink: customer creates the endpoint", value: seconds(created - allowListed) });
  rows.push({
    what: `PrivateLink: endpoint created -> ${status || "unknown"}`,
    value: `${atAwsSpeed(done - created, TIME_SCALE)}; AWS: ~1-3 min after acceptance`,
  });
}

/** The portal's own database and in-process sandbox, as a portal process has them. */
async function benchConnectivity(): Promise<void> {
  const { registerSandboxProducts } = await import("@/lib/dal/products");
  const { benchTimeToConnectivity } = await import("./time-to-connectivity");
  const { benchBulkOnboarding } = await import("./bulk-onboarding");
  const { closeSandboxCloud } = await import("@/lib/aws/sandbox-link");
  const handle = database();
  try {
    await migrateDatabase(handle);
    await registerSandboxProducts(handle.db);
    await benchPrivateLink(handle.db);
    rows.push(...(await benchTimeToConnectivity(handle.db, { timeScale: SITE_TO_SITE_TIME_SCALE, runs: SITE_TO_SITE_RUNS })));
    rows.push(...(await benchBulkOnboarding(handle.db, { timeScale: BULK_TIME_SCALE, tenants: BULK_TENANTS, workers: BULK_WORKERS })));
  } finally {
    // Before the work folder goes: the sandbox saves its state there.
    await closeSandboxCloud();
    await handle.close();
  }
}

try {
  const pglite = openDatabase({ pgliteDir: path.join(workDir, "bench-pglite") });
  await benchTenantList("PGlite", pglite);
  await pglite.close();
  if (postgresUrl) {
    const scratch = await createScratchDatabase(postgresUrl);
    const pg = openDatabase({ url: scratch.url });
    try {
      await benchTenantList("PostgreSQL", pg);
    } finally {
      await pg.close();
      await scratch.drop();
    }
  } else {
    rows.push({ what: "PostgreSQL", value: "skipped (set TEST_DATABASE_URL=postgres://… to include it)" });
  }
  await benchConnectivity();
} finally {
  rmSync(workDir, { recursive: true, force: true });
  // Printed even when a later measurement failed, so the ones taken are not lost.
  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`\n${"measure".padEnd(width)}  result\n${"-".repeat(width)}  ${"-".repeat(40)}`);
  for (const r of rows) console.log(`${r.what.padEnd(width)}  ${r.value}`);
}
