import { expect, test } from "@playwright/test";
import { asPerson } from "../support/as-person";
import { ConnectionWizardPage } from "../support/pages/connection-wizard-page";
import { SignInPage } from "../support/pages/sign-in-page";
import { storageStatePath } from "../support/run-context";

test.describe("as the Globex viewer", () => {
  test.use({ storageState: storageStatePath("sandbox", "victor") });

  test("sees connections but no way to change them", async ({ page, browser }) => {
    // The admin makes a connection for the viewer to look at.
    const connectionUrl = await asPerson(browser, "sandbox", "alice", async (adminPage) => {
      await new ConnectionWizardPage(adminPage).create({ awsAccountId: "210000000042", product: "Acme Ledger", region: "us-east-1" });
      return new URL(adminPage.url()).pathname;
    });

    await page.goto("/connections");
    await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "210000000042" })).toBeVisible();
    await expect(page.getByRole("link", { name: "New connection" })).toHaveCount(0);

    await page.goto(connectionUrl);
    await expect(page.getByLabel("Service name", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove connection" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create my interface endpoint" })).toHaveCount(0);

    await page.goto("/team");
    await expect(page.getByRole("button", { name: /invite/i })).toHaveCount(0);

    // Pages their role does not include answer 403, not a 200 that merely looks like an error.
    for (const path of ["/connections/new", "/support"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    }
  });
});

test.describe("the connection wizard", () => {
  test.use({ storageState: storageStatePath("sandbox", "alice") });

  test("shows field errors for bad input and creates nothing", async ({ page }) => {
    const wizard = new ConnectionWizardPage(page);
    await wizard.open();
    await wizard.choosePrivateLink();

    await wizard.fillDetails({ awsAccountId: "12345", product: "Acme Analytics", region: "eu-west-1" });
    await wizard.submit();
    await expect(wizard.accountId()).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("An AWS account ID is exactly 12 digits, e.g. 123456789012.")).toBeVisible();
    await expect(page).toHaveURL(/\/connections\/new$/);

    await wizard.accountId().fill("<script>alert(1)</script>");
    await wizard.submit();
    await expect(page.getByText("An AWS account ID is exactly 12 digits, e.g. 123456789012.")).toBeVisible();
    await expect(page).toHaveURL(/\/connections\/new$/);

    await page.goto("/connections");
    await expect(page.getByRole("row").filter({ hasText: "12345" }).filter({ hasText: "eu-west-1" })).toHaveCount(0);
    await expect(page.getByText("<script>")).toHaveCount(0);
  });
});

test("sign-in is rate limited after repeated failures", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  // An address of its own, so the limit it trips blocks nobody else in this run.
  for (let attempt = 0; attempt < 5; attempt++) {
    await signIn.submit("mallory@globex.example", `wrong-password-${attempt}`);
    await expect(signIn.formMessage()).toHaveText("Wrong e-mail or password.");
  }
  await signIn.submit("mallory@globex.example", "one-more-try");
  await expect(signIn.formMessage()).toHaveText("Too many failed sign-in attempts. Wait 15 minutes, then try again.");
});
