import type { Db } from "@/db/client";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { createSiteToSitePlan } from "@/lib/connectivity/site-to-site/plan";
import { createSiteToSite } from "@/lib/connectivity/site-to-site/requests";
import { runUntilIdle } from "@/lib/engine/executor";
import { latestRunId } from "@/lib/engine/runs";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { bucketThroughput, summarizeCalls } from "./aws-calls";
import { median } from "./critical-path";
import { atAwsSpeed, type BenchRow } from "./report";
import { onScaledClock, providerDeps, scaledEngineTiming, scaledRateLimiter } from "./scaled-clock";
import { REGION, loadCatalog, raiseProviderQuotas, runFigures, siteRequest } from "./site-to-site-runs";

/**
 * Time to connectivity of one Site-to-Site VPN (virtual private gateway, BGP, one product), from
 * the request to the connection's activation, against what its plan graph allowed: the critical
 * path of its steps' measured durations (mostly AWS's waits) and the same steps run one after
 * another. One engine worker, alone on the sandbox, as a portal process with nothing else to do.
 */
export async function benchTimeToConnectivity(db: Db, options: { timeScale: number; runs: number }): Promise<BenchRow[]> {
  const { timeScale, runs } = options;
  const cloud = sandboxCloud();
  const catalog = await loadCatalog(db);
  raiseProviderQuotas(cloud);
  cloud.setTimeScale(timeScale);
  const tenant = await createTenant(db, "Bench Site Customer");
  const admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });
  const limiter = scaledRateLimiter(timeScale);
  const plan = onScaledClock(createSiteToSitePlan(providerDeps(cloud, limiter)), timeScale);

  const figures = [];
  const callCounts = [];
  const mutatingCounts = [];
  let sdkRetries = 0;
  let stepRetries = 0;
  for (let n = 0; n < runs; n += 1) {
    const since = Date.now();
    const { id } = await createSiteToSite(db, admin, siteRequest(catalog, n));
    const runId = await latestRunId(db, id);
    if (!runId) throw new Error("createSiteToSite started no run.");
    await runUntilIdle(db, { plans: [plan], ...scaledEngineTiming(timeScale), limiter, runIds: [runId], timeoutMs: 20 * 60_000 * timeScale + 60_000 });
    const [run] = await runFigures(db, [runId]);
    if (!run || run.status !== "succeeded") throw new Error(`Site-to-Site run ${runId} ended ${run?.status ?? "missing"} at ${run?.errorStep ?? "?"} (${run?.errorCode ?? "?"}).`);
    figures.push(run);
    stepRetries += run.stepRetries;
    const calls = cloud.calls().filter((call) => call.at >= since && call.accountId === cloud.providerAccountId);
    const summary = summarizeCalls(calls);
    callCounts.push(summary.total);
    sdkRetries += summary.sdkRetries;
    mutatingCounts.push(
      bucketThroughput(calls, timeScale)
        .filter((use) => use.bucket.name !== "ec2:non-mutating")
        .reduce((sum, use) => sum + use.admitted + use.throttled, 0),
    );
  }

  const ttc = median(figures.map((f) => f.requestToDoneMs));
  const critical = median(figures.map((f) => f.criticalPathMs));
  const sequential = median(figures.map((f) => f.sequentialMs));
  const ratios = figures.map((f) => f.requestToDoneMs / f.criticalPathMs);
  const label = `Site-to-Site (VGW, BGP, 1 product; ${runs} runs, median; timeScale ${timeScale})`;
  return [
    { what: `${label}: request -> available`, value: atAwsSpeed(ttc, timeScale) },
    { what: "Site-to-Site: critical path of its steps (plan graph, measured step times)", value: atAwsSpeed(critical, timeScale) },
    { what: "Site-to-Site: all steps one after another", value: atAwsSpeed(sequential, timeScale) },
    {
      what: "Site-to-Site: time to connectivity / critical path (target <= 1.10)",
      value: `${median(ratios).toFixed(3)} (runs: ${ratios.map((r) => r.toFixed(3)).join(", ")}); sum / critical path ${(sequential / critical).toFixed(2)}`,
    },
    {
      what: `Site-to-Site: AWS calls per plan (${REGION}, provider account)`,
      value: `median ${median(callCounts)} (${median(mutatingCounts)} outside the read bucket); retries: ${sdkRetries} by the SDK, ${stepRetries} step re-runs after an error, over ${runs} plans`,
    },
  ];
}
