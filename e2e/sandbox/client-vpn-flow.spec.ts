import { expect, test } from "@playwright/test";
import { asPerson } from "../support/as-person";
import { ClientVpnPage } from "../support/pages/client-vpn-page";
import { ClientVpnWizardPage } from "../support/pages/client-vpn-wizard-page";
import { storageStatePath } from "../support/run-context";

test.use({ storageState: storageStatePath("sandbox", "alice") });

test("a customer admin adds a device over Client VPN, downloads its configuration, sees it connected, and revokes it", async ({ page, browser }) => {
  // The shared environment's waits run at the sandbox's time scale; revocations are batched in real time (a minute or so).
  test.setTimeout(420_000);
  await new ClientVpnWizardPage(page).create({ products: ["Acme Analytics"], region: "us-east-1", name: "E2E remote team" });
  const connectionUrl = new URL(page.url()).pathname;

  const connection = new ClientVpnPage(page);
  await expect(page.getByRole("heading", { name: /E2E remote team/ })).toBeVisible();
  await connection.expectStatus("Available", 240_000);

  await connection.addDevice("E2E laptop");
  await expect(connection.device("E2E laptop")).toContainText("Active");
  const config = await connection.downloadConfig();
  expect(config.fileName).toMatch(/\.ovpn$/);
  expect(config.contents).toMatch(/^remote cvpn-endpoint-/m);
  expect(config.contents).toContain("<cert>");
  expect(config.contents).toContain("<key>");
  // The link is spent: the page says so, and the device shows when it was downloaded.
  await expect(connection.issuedLinkPanel()).toContainText("Downloaded. The link no longer works");
  await expect(connection.device("E2E laptop")).not.toContainText("Not yet");

  await connection.simulate("E2E laptop", "connect");
  await expect(connection.session("E2E laptop")).toBeVisible();
  await connection.expectSimulatedConnected("E2E laptop", true);

  // A viewer of the same tenant sees the devices and who is connected, and can change neither.
  await asPerson(browser, "sandbox", "victor", async (viewerPage) => {
    await viewerPage.goto(connectionUrl);
    const viewer = new ClientVpnPage(viewerPage);
    await expect(viewer.device("E2E laptop")).toBeVisible();
    await expect(viewer.session("E2E laptop")).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: "Add device" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Revoke E2E laptop" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Disconnect E2E laptop" })).toHaveCount(0);
    await expect(viewerPage.getByRole("button", { name: "Connect device" })).toHaveCount(0);
  });

  // Support sees the shared endpoint the connection was placed on: Globex there with its one device.
  await asPerson(browser, "sandbox", "support", async (supportPage) => {
    await supportPage.goto("/support/client-vpn");
    const globex = supportPage.getByRole("table", { name: "Tenants placed" }).getByRole("row").filter({ hasText: "Globex Corporation" });
    await expect(globex.getByRole("cell").nth(1)).toHaveText("1");
    await expect(supportPage.getByRole("table", { name: "Products" })).toContainText("Acme Analytics");
  });

  // Disconnecting ends the session but lets the device come back; only revoking keeps it out.
  await page.getByRole("button", { name: "Disconnect E2E laptop" }).click();
  await expect(page.getByText("E2E laptop is disconnected. It can connect again; revoke it to keep it out.")).toBeVisible();
  await expect(connection.session("E2E laptop")).toHaveCount(0);
  await connection.simulate("E2E laptop", "connect");
  await expect(connection.session("E2E laptop")).toBeVisible();

  await connection.revoke("E2E laptop");
  await expect(connection.device("E2E laptop")).toContainText("Revoked");
  // The batched import replaces the endpoint's revocation list, which ends the device's session...
  await expect(connection.session("E2E laptop")).toHaveCount(0, { timeout: 240_000 });
  // ...and from then on the endpoint refuses its certificate.
  await connection.expectSimulatedConnected("E2E laptop", false);
  await connection.simulate("E2E laptop", "connect");
  await expect(connection.simulateMessage()).toHaveText("The endpoint refused the device: its certificate is revoked.");
  await expect(connection.session("E2E laptop")).toHaveCount(0);
});
