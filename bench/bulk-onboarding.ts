import type { Db } from "@/db/client";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import type { SiteToSiteInput } from "@/lib/connectivity/site-to-site/input";
import { createSiteToSitePlan } from "@/lib/connectivity/site-to-site/plan";
import { createSiteToSite } from "@/lib/connectivity/site-to-site/requests";
import { runUntilIdle } from "@/lib/engine/executor";
import { beat } from "@/lib/engine/heartbeats";
import { latestRunId } from "@/lib/engine/runs";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { bucketThroughput, summarizeCalls } from "./aws-calls";
import { atAwsSpeed, percent, seconds, type BenchRow } from "./report";
import { onScaledClock, providerDeps, scaledEngineTiming, scaledRateLimiter } from "./scaled-clock";
import { REGION, loadCatalog, raiseProviderQuotas, runFigures, siteRequest, type Catalog } from "./site-to-site-runs";

/**
 * Bulk onboarding: many tenants request a Site-to-Site VPN at once, all in one region, so all of
 * them draw on the provider account's request buckets there, which the sandbox enforces. Several
 * engine workers share the work, each standing for a portal process: its own AWS clients behind
 * its own rate limiter, which takes its share of the buckets from the workers' heartbeats.
 */

/** A realistic mix: a quarter static routing, a quarter accelerated (shared transit gateway), a quarter with two products. */
function mixedRequest(catalog: Catalog, n: number): SiteToSiteInput {
  switch (n % 4) {
    case 1:
      return siteRequest(catalog, n, { routing: { type: "static" } });
    case 2:
      return siteRequest(catalog, n, { accelerated: true });
    case 3:
      return siteRequest(catalog, n, { productRegionIds: [catalog.analytics, catalog.ledger] });
    default:
      return siteRequest(catalog, n);
  }
}

export async function benchBulkOnboarding(db: Db, options: { timeScale: number; tenants: number; workers: number }): Promise<BenchRow[]> {
  const { timeScale, tenants, workers } = options;
  const cloud = sandboxCloud();
  const catalog = await loadCatalog(db);
  raiseProviderQuotas(cloud);
  cloud.setTimeScale(timeScale);
  const callers = [];
  for (let n = 0; n < tenants; n += 1) {
    const tenant = await createTenant(db, `Bulk Tenant ${n}`);
    callers.push(await createUser(db, { role: "customer_admin", tenantId: tenant.id }));
  }

  // Each worker stands for a process: its own rate limiter, and AWS clients behind it.
  const processes = Array.from({ length: workers }, (_, i) => {
    const limiter = scaledRateLimiter(timeScale);
    return { workerId: `bench-bulk-${i}`, limiter, plan: onScaledClock(createSiteToSitePlan(providerDeps(cloud, limiter)), timeScale) };
  });
  // Every worker counts the others from its first heartbeat on, as long-running processes would.
  for (const { workerId } of processes) await beat(db, workerId);

  cloud.setRequestLimits({ timeScale });
  const started = Date.now();
  try {
    const ids = await Promise.all(callers.map(async (caller, n) => (await createSiteToSite(db, caller, mixedRequest(catalog, n))).id));
    const runIds = await Promise.all(
      ids.map(async (id) => {
        const runId = await latestRunId(db, id);
        if (!runId) throw new Error("createSiteToSite started no run.");
        return runId;
      }),
    );
    const timing = scaledEngineTiming(timeScale);
    const timeoutMs = 60 * 60_000 * timeScale + 60_000;
    await Promise.all(processes.map(({ workerId, limiter, plan }) => runUntilIdle(db, { plans: [plan], ...timing, workerId, limiter, runIds, timeoutMs })));
    const finished = Date.now();
    const figures = await runFigures(db, runIds);
    const failed = figures.filter((f) => f.status !== "succeeded");
    const calls = cloud.calls().filter((call) => call.at >= started && call.accountId === cloud.providerAccountId && call.region === REGION);
    const summary = summarizeCalls(calls);
    const uses = bucketThroughput(calls, timeScale).sort((a, b) => b.utilization - a.utilization);
    const binding = uses[0];

    // What no scheduler could beat: the slowest plan's own critical path, and the binding bucket's refill.
    const slowestPlan = Math.max(...figures.map((f) => f.criticalPathMs)) / timeScale;
    const bucketBound = binding ? Math.max(0, binding.admitted - binding.bucket.burst) / binding.bucket.refillPerSecond : 0;
    const rows: BenchRow[] = [
      {
        what: `Bulk: ${tenants} tenants request a Site-to-Site VPN at once (${workers} workers, timeScale ${timeScale})`,
        value: `all done in ${atAwsSpeed(finished - started, timeScale)}; lower bounds: slowest plan's critical path ${seconds(slowestPlan)}, ${binding?.bucket.name ?? "no"} bucket ${seconds(bucketBound * 1000)}`,
      },
      {
        what: "Bulk: failed plans (target 0)",
        value: `${failed.length} of ${figures.length}${failed.length ? `: ${failed.slice(0, 3).map((f) => `${f.errorStep ?? "?"} ${f.errorCode ?? "?"}`).join("; ")}` : ""}`,
      },
    ];
    if (binding) {
      rows.push({
        what: `Bulk: throughput of the binding bucket, ${binding.bucket.name} (target >= 80%)`,
        value: `${percent(binding.utilization)} of what it allows: ${binding.admitted} calls in ${binding.awsSeconds.toFixed(0)} s = ${binding.perSecond.toFixed(2)}/s (bucket: ${binding.bucket.burst} burst + ${binding.bucket.refillPerSecond}/s)`,
      });
    }
    for (const use of uses.slice(1)) {
      rows.push({
        what: `Bulk: ${use.bucket.name} bucket`,
        value: `${percent(use.utilization)} of what it allows (${use.admitted} calls, ${use.perSecond.toFixed(2)}/s of ${use.bucket.refillPerSecond}/s over ${use.awsSeconds.toFixed(0)} s)`,
      });
    }
    rows.push({
      what: "Bulk: AWS calls, and retries",
      value: `${summary.total} (${(summary.total / tenants).toFixed(0)} per plan); ${summary.throttled} throttled, ${summary.serverErrors} server errors; ${summary.sdkRetries} SDK retries, ${figures.reduce((sum, f) => sum + f.stepRetries, 0)} step re-runs after an error`,
    });
    return rows;
  } finally {
    cloud.setRequestLimits(null);
  }
}
