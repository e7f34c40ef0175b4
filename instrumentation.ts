/**
 * Start-up for every portal process: apply migrations, seed the demo when enabled, and start the
 * background reconciler (it accepts PrivateLink endpoints), the provisioning engine's worker and
 * Client VPN's periodic job (device expiry, unused download links, batched revocation imports).
 * Imports are dynamic so none of this is bundled for the edge runtime.
 */
export async function register(): Promise<void> {
  // Next.js sets NEXT_RUNTIME per bundle at build time; it is not Onramp configuration.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;

  const { database } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { dataDir, demoSeedEnabled, env, isSandbox } = await import("@/lib/env");

  const handle = database();
  await migrateDatabase(handle);

  if (demoSeedEnabled) {
    const { seedDemo } = await import("@/lib/seed/demo");
    const { formatDemoSignIns } = await import("@/lib/seed/demo-sign-ins");
    const signIns = await seedDemo(handle.db, dataDir);
    if (isSandbox) {
      const { registerSandboxProducts } = await import("@/lib/dal/products");
      const { enabledRegions } = await import("@/lib/aws/regions");
      const { grantDemoQuotas } = await import("@/lib/seed/sandbox-quotas");
      await registerSandboxProducts(handle.db);
      grantDemoQuotas(await enabledRegions());
    }
    const signInUrl = env.ONRAMP_PUBLIC_URL ? new URL("/sign-in", env.ONRAMP_PUBLIC_URL).toString() : "/sign-in on this server";
    console.log(formatDemoSignIns(signIns, signInUrl));
  }

  if (env.ONRAMP_WORKER) {
    const { startReconciler } = await import("@/lib/connectivity/privatelink/reconciler");
    const { startEngineWorker } = await import("@/lib/engine/executor");
    const { siteToSitePlan } = await import("@/lib/connectivity/site-to-site/plan");
    const { privateLinkPlan } = await import("@/lib/connectivity/privatelink/plan");
    const { clientVpnConnectionPlan, clientVpnEnvironmentPlan, clientVpnProductAdditionPlan } = await import("@/lib/connectivity/client-vpn/plans");
    const { startClientVpnMaintenance } = await import("@/lib/connectivity/client-vpn/maintenance");
    const reconciler = startReconciler({ intervalMs: env.ONRAMP_RECONCILE_INTERVAL_MS });
    const worker = startEngineWorker({ plans: [siteToSitePlan, privateLinkPlan, clientVpnEnvironmentPlan, clientVpnConnectionPlan, clientVpnProductAdditionPlan] });
    const clientVpnMaintenance = startClientVpnMaintenance();
    // Steps still running when the grace ends keep their leases until they expire; another
    // process (or this one, restarted) takes them over then.
    process.once("SIGTERM", () => {
      void Promise.all([reconciler.stop(), worker.stop({ graceMs: 5_000 }), clientVpnMaintenance.stop()]).finally(() => process.exit(0));
    });
  }
}
