import { expect, test } from "@playwright/test";
import { RecommendationPanel } from "../support/pages/recommendation-panel";
import { storageStatePath } from "../support/run-context";

test.describe("help choosing a connection type", () => {
  test.use({ storageState: storageStatePath("sandbox", "alice") });

  test("on premises, fits the answer to the machines and the VPN device, and leaves the choice to the customer", async ({ page }) => {
    const panel = new RecommendationPanel(page);
    await panel.openAt(/^On premises/);
    const card = panel.card(/^Site-to-Site VPN/);
    const clientVpnCard = panel.card(/^Client VPN/);
    await expect(card).not.toContainText("Recommended");
    await expect(clientVpnCard).not.toContainText("Recommended");

    await panel.open();
    await expect(page.getByText("Answer both questions to see which way of connecting suits you.")).toBeVisible();
    await panel.answer({ machines: "0" });
    await expect(panel.machines()).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter at least 1 machine or person.")).toBeVisible();

    await panel.answer({ machines: "3", vpnDevice: false });
    await expect(page.getByText("We recommend Client VPN (a few machines or remote users).")).toBeVisible();
    await expect(clientVpnCard).toContainText("Recommended");
    await expect(card).not.toContainText("Recommended");

    await panel.answer({ machines: "3", vpnDevice: true });
    await expect(page.getByText("We recommend Site-to-Site VPN.")).toBeVisible();
    await expect(page.getByText(/About \$0\.05 an hour for the VPN connection/)).toBeVisible();

    await card.click();
    await expect(page.getByLabel("Site name")).toBeVisible();
  });

  test("recommends PrivateLink on AWS without questions", async ({ page }) => {
    const panel = new RecommendationPanel(page);
    await panel.openAt(/^On AWS/);
    await panel.open();
    await expect(page.getByText("We recommend PrivateLink interface endpoint.")).toBeVisible();
    await expect(panel.machines()).toHaveCount(0);
    await expect(panel.card(/^PrivateLink interface endpoint/)).toContainText("Recommended");
  });
});
