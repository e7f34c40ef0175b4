import { afterEach, describe, expect, it } from "vitest";
import { createConnection } from "@/app/(app)/connections/new/actions";
import { getDb } from "@/db/client";
import { createInterfaceEndpoint, type CreatedEndpoint } from "@/lib/aws/customer-endpoints";
import { isTransient } from "@/lib/aws/errors";
import { sandboxCloud } from "@/lib/aws/sandbox-link";
import { findConnection } from "@/lib/dal/connections";
import { listProducts, registerSandboxProducts } from "@/lib/dal/products";
import { createTenant, createUser } from "@/lib/testing/fixtures";
import { setTestCaller } from "@/lib/testing/session";
import { reconcileProductRegion } from "./reconciler";
import { runPrivateLinkPlans } from "./testing/engine";

afterEach(() => sandboxCloud().clearFaults());

async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isTransient(error) || attempt >= 30) throw error;
    }
  }
}

describe("with AWS throttling and internal errors", () => {
  it("the engine's retries and repeated reconcile passes still take a connection to available", async () => {
    const db = getDb();
    await registerSandboxProducts(db);
    const service = (await listProducts(db)).find((p) => p.slug === "analytics")?.regions.find((r) => r.region === "us-east-1");
    if (!service) throw new Error("analytics not registered");
    const tenant = await createTenant(db, "Soylent");
    const admin = await createUser(db, { role: "customer_admin", tenantId: tenant.id });
    setTestCaller(admin);

    sandboxCloud().setFaults({ throttleRate: 0.3, internalErrorRate: 0.3 });
    const created = await createConnection({ awsAccountId: "123412341234", productRegionId: service.id });
    if (!created.ok) throw new Error(created.message);
    const id = created.data.id;
    // The engine retries the allow-listing through the faults; the connection never shows them.
    await runPrivateLinkPlans();
    expect((await findConnection(db, admin, id)).status).toBe("awaiting_endpoint");

    let endpoint: CreatedEndpoint | null = null;
    let errorsSeen = 0;
    for (let pass = 0; pass < 60; pass += 1) {
      await reconcileProductRegion(db, service.id);
      const current = await findConnection(db, admin, id);
      if (current.status === "available") break;
      expect(current.status).not.toBe("failed");
      if (current.errorMessage) errorsSeen += 1;
      if (current.status === "awaiting_endpoint" && !endpoint) {
        endpoint = await withRetries(() =>
          createInterfaceEndpoint("123412341234", service.region, {
            serviceName: service.serviceName,
            zoneIds: service.zoneIds,
            privateDnsEnabled: true,
            clientToken: `faults-${id}`,
          }),
        );
      }
    }
    const final = await findConnection(db, admin, id);
    expect(final.status).toBe("available");
    expect(final.vpcEndpointId).toBe(endpoint?.vpcEndpointId);
    expect(errorsSeen).toBe(0);
    const failures = sandboxCloud().calls().filter((c) => c.errorCode === "RequestLimitExceeded" || c.errorCode === "InternalError");
    expect(failures.length).toBeGreaterThan(0);
  });
});
