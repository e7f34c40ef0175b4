import { expect, test } from "@playwright/test";
import { asPerson } from "../support/as-person";
import { ConnectionPage, ENDPOINT_DNS_NAME } from "../support/pages/connection-page";
import { ConnectionWizardPage } from "../support/pages/connection-wizard-page";
import { storageStatePath } from "../support/run-context";

test.use({ storageState: storageStatePath("sandbox", "alice") });

test("a customer admin connects through PrivateLink and support sees it", async ({ page, browser }) => {
  const account = "123456789012";
  await new ConnectionWizardPage(page).create({ awsAccountId: account, product: "Acme Analytics", region: "us-east-1", name: "E2E analytics" });

  const connection = new ConnectionPage(page);
  await connection.expectWaitingForEndpoint();
  await expect(page.getByLabel("Private DNS name", { exact: true })).toHaveText("analytics.acme-saas.example");
  await connection.simulateCustomerEndpoint();
  await connection.expectAvailable();

  const names = await connection.dnsNames();
  // One regional name, one per zone, and the private DNS name.
  expect(names.filter((n) => ENDPOINT_DNS_NAME.test(n)).length).toBeGreaterThanOrEqual(2);
  expect(names).toContain("analytics.acme-saas.example");
  const connectionUrl = page.url();

  await asPerson(browser, "sandbox", "support", async (supportPage) => {
    await supportPage.goto("/support/connections");
    const row = supportPage.getByRole("row").filter({ hasText: account });
    await expect(row).toContainText("Globex Corporation");
    await expect(row).toContainText("Available");

    await supportPage.goto("/support");
    await expect(supportPage.getByRole("row").filter({ hasText: "Globex Corporation" })).toBeVisible();

    // Support opens the same connection and sees its history.
    await supportPage.goto(connectionUrl);
    await expect(supportPage.getByText(/^Available · updated/)).toBeVisible();
    await expect(supportPage.getByRole("heading", { name: "History" })).toBeVisible();
  });
});
