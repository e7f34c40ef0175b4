import { expect, test } from "@playwright/test";
import { asPerson } from "../support/as-person";
import { SiteToSitePage } from "../support/pages/site-to-site-page";
import { SiteToSiteWizardPage } from "../support/pages/site-to-site-wizard-page";
import { storageStatePath } from "../support/run-context";

test.use({ storageState: storageStatePath("sandbox", "alice") });

test("a customer admin connects a site over Site-to-Site VPN, brings the tunnels up, and removes it", async ({ page, browser }) => {
  // AWS's waits (VPN connection, resolver endpoint) run at the sandbox's time scale: seconds, not minutes.
  test.setTimeout(300_000);
  await new SiteToSiteWizardPage(page).create({
    location: "on_premises",
    siteName: "E2E head office",
    deviceIp: "34.201.77.10",
    asn: 65077,
    cidrs: ["192.168.77.0/24", "10.77.0.0/16"],
    products: ["Acme Analytics", "Acme Ledger"],
    region: "us-east-1",
  });
  const connectionUrl = new URL(page.url()).pathname;

  const connection = new SiteToSitePage(page);
  await expect(page.getByRole("heading", { name: /E2E head office/ })).toBeVisible();
  await expect(connection.pathPicture()).toHaveAccessibleName(/^Your site E2E head office \(34\.201\.77\.10\)/);
  await connection.expectProvisioned();
  await expect(connection.pathPicture()).toHaveAccessibleName(/landing VPC 10\.\d+\.\d+\.\d+\/\d+ → interface endpoints → Acme Analytics, Acme Ledger\.$/);
  await expect(page.getByLabel(/^Endpoint DNS name vpce-/).first()).toBeVisible();

  // Until the customer's device is configured, AWS reports both tunnels DOWN.
  await connection.expectTunnels("DOWN");
  await connection.simulateTunnels("UP");
  await connection.expectTunnels("UP");

  const keys = await connection.revealPreSharedKeys();
  expect(new Set(keys).size).toBe(2);

  // A viewer of the same tenant sees the connection but can neither remove it nor play the device.
  await asPerson(browser, "sandbox", "victor", async (viewerPage) => {
    await viewerPage.goto(connectionUrl);
    await new SiteToSitePage(viewerPage).expectStatus("Available");
    await expect(viewerPage.getByRole("button", { name: "Remove connection" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Bring tunnels up" })).toHaveCount(0);
  });

  // Provider support finds it and sees the engine's run.
  await asPerson(browser, "sandbox", "support", async (supportPage) => {
    await supportPage.goto("/support/connections");
    await expect(supportPage.getByRole("row").filter({ hasText: "E2E head office" })).toContainText("Globex Corporation");
    await supportPage.goto(connectionUrl);
    const supportView = new SiteToSitePage(supportPage);
    await supportView.expectStatus("Available");
    await supportView.expectSupportView(false);
    await expect(supportPage.getByRole("link", { name: "Globex Corporation" })).toBeVisible();
  });

  await connection.remove();
  await expect(connection.steps("Removal").first()).toBeVisible();
  await connection.expectStatus("Removed", 120_000);
  await expect(page.getByText(/^Removal finished in /)).toBeVisible();
  for (const step of await connection.steps("Removal").all()) await expect(step).toContainText(/Deleted|Nothing to delete/);
  await expect(page.getByRole("button", { name: "Remove connection" })).toHaveCount(0);
});
