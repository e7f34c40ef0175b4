import { expect, test as setup } from "@playwright/test";
import { providerService } from "./support/sandbox-http";
import { storageStatePath } from "./support/run-context";

setup.use({ storageState: storageStatePath("aws", "admin") });

// In AWS mode nothing registers products for you: a provider admin does it from the service ID.
setup("the provider admin registers Acme Analytics from its endpoint service", async ({ page }) => {
  const service = await providerService("analytics");
  await page.goto("/support/products");
  await page.getByLabel("Product", { exact: true }).selectOption({ label: "A new product…" });
  await page.getByLabel("Product name").fill("Acme Analytics");
  await page.getByLabel("Slug").fill("analytics");
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel("Endpoint service ID").fill(service.serviceId);
  await page.getByRole("button", { name: "Register from AWS" }).click();
  // The details shown are the ones read from AWS, not typed in.
  await expect(page.getByText(service.serviceName).first()).toBeVisible();
});
