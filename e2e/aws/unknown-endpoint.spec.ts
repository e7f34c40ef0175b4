import { expect, test } from "@playwright/test";
import { asPerson } from "../support/as-person";
import { allowPrincipalOutsideOnramp, createInterfaceEndpointAs, endpointStateAs, providerService } from "../support/sandbox-http";

/**
 * An endpoint from an account that belongs to no tenant. It can only exist if someone allow-listed
 * that account outside Onramp, which is what the test does as the provider.
 */
async function strangerEndpoint(account: string): Promise<string> {
  const service = await providerService("analytics");
  await allowPrincipalOutsideOnramp(service, account);
  return createInterfaceEndpointAs(account, service.serviceName);
}

// The policy is provider-wide: these run in order, rejecting first.
test.describe.configure({ mode: "serial" });

test("is rejected by default", async () => {
  const account = "666600001111";
  const endpointId = await strangerEndpoint(account);
  await expect.poll(() => endpointStateAs(account, endpointId), { timeout: 60_000 }).toBe("rejected");
});

test("is held for support when a provider admin chooses hold, and support accepts it", async ({ browser }) => {
  await asPerson(browser, "aws", "admin", async (page) => {
    await page.goto("/support/settings");
    await page.getByRole("radio", { name: /Hold for support/ }).check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status").filter({ hasText: /\S/ })).toBeVisible();
  });

  const account = "666600002222";
  const endpointId = await strangerEndpoint(account);

  await asPerson(browser, "aws", "support", async (page) => {
    await expect(async () => {
      await page.goto("/support/endpoints");
      await expect(page.getByRole("row").filter({ hasText: endpointId })).toContainText(account, { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    // Held means left pending: the stranger's endpoint is neither accepted nor rejected.
    expect(await endpointStateAs(account, endpointId)).toBe("pendingAcceptance");

    await page.getByRole("button", { name: `Accept ${endpointId}` }).click();
    await expect.poll(() => endpointStateAs(account, endpointId), { timeout: 60_000 }).toMatch(/^(pending|available)$/);
    await expect(page.getByRole("row").filter({ hasText: endpointId })).toHaveCount(0);
  });
});
