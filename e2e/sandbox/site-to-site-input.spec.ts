import { expect, test, type Page } from "@playwright/test";
import { storageStatePath } from "../support/run-context";
import { SiteToSiteWizardPage } from "../support/pages/site-to-site-wizard-page";

test.use({ storageState: storageStatePath("sandbox", "alice") });

/** A connection request that was refused must leave no trace in the customer's list. */
async function expectNoConnectionNamed(page: Page, siteName: string): Promise<void> {
  await page.goto("/connections");
  await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();
  await expect(page.getByText(siteName)).toHaveCount(0);
}

test("the Site-to-Site form refuses bad input field by field and creates nothing", async ({ page }) => {
  const wizard = new SiteToSiteWizardPage(page);
  const siteName = "E2E refused head office";
  await wizard.open("on_premises");
  await wizard.fill({
    location: "on_premises",
    siteName,
    deviceIp: "192.168.1.10",
    asn: 7224,
    cidrs: ["10.0.0.0/16", "10.0.128.0/17"],
    products: ["Acme Analytics"],
    region: "us-east-1",
    tunnels: [{ preSharedKey: "0secretkey" }, {}],
  });
  await wizard.submit();

  await expect(wizard.deviceIp()).toHaveAttribute("aria-invalid", "true");
  await expect(wizard.deviceIp()).toHaveAccessibleDescription(/192\.168\.1\.10 is in 192\.168\.0\.0\/16, .*cannot be reached from the internet/);
  await expect(wizard.asn()).toHaveAttribute("aria-invalid", "true");
  await expect(wizard.asn()).toHaveAccessibleDescription(/ASN 7224 is reserved by AWS \(us-east-1\)/);
  // The overlap is reported on the entry that overlaps, not on the list or the first entry.
  await expect(wizard.network(1)).not.toHaveAttribute("aria-invalid", "true");
  await expect(wizard.network(2)).toHaveAttribute("aria-invalid", "true");
  await expect(wizard.network(2)).toHaveAccessibleDescription(/10\.0\.128\.0\/17 overlaps 10\.0\.0\.0\/16/);
  await expect(wizard.tunnelPreSharedKey(1)).toHaveAttribute("aria-invalid", "true");
  await expect(wizard.tunnelPreSharedKey(1)).toHaveAccessibleDescription("A pre-shared key cannot start with 0 (zero).");
  await expect(wizard.tunnelPreSharedKey(2)).not.toHaveAttribute("aria-invalid", "true");
  await expect(wizard.formMessage()).toHaveText("Please correct the highlighted fields.");
  await expect(page).toHaveURL(/\/connections\/new$/);

  // Each error stays with its entry when rows above it go away.
  await page.getByRole("button", { name: "Remove network 1" }).click();
  await expect(wizard.network(1)).toHaveValue("10.0.128.0/17");
  await expect(wizard.network(1)).toHaveAccessibleDescription(/10\.0\.128\.0\/17 overlaps 10\.0\.0\.0\/16/);

  await expectNoConnectionNamed(page, siteName);
});

test("for another cloud the form fits the cloud, and the server's own checks are shown too", async ({ page }) => {
  const wizard = new SiteToSiteWizardPage(page);
  const siteName = "E2E refused Google Cloud";
  await wizard.open("other_cloud");

  await wizard.cloud("Google Cloud").check();
  // HA VPN peers only over BGP, and AWS's vendor-neutral configuration is preselected.
  await expect(wizard.staticRouting()).toBeDisabled();
  await expect(wizard.bgp()).toBeChecked();
  await expect(wizard.vendor()).toHaveValue("Generic");

  await wizard.fill({
    location: "other_cloud",
    siteName,
    deviceIp: "34.90.10.20",
    // The AWS side's own ASN: valid on its face, refused by the request's check against the gateway.
    asn: 64512,
    cidrs: ["10.60.0.0/16"],
    products: ["Acme Analytics", "Acme Ledger"],
    region: "us-east-1",
  });
  await wizard.submit();

  await expect(wizard.asn()).toHaveAttribute("aria-invalid", "true");
  await expect(wizard.asn()).toHaveAccessibleDescription(/ASN 64512 is the AWS side's own ASN/);
  await expect(wizard.deviceIp()).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/connections\/new$/);

  await expectNoConnectionNamed(page, siteName);
});
