import { expect, type Page } from "@playwright/test";

/** The plan has twelve steps; they all end "Done" when provisioning finishes. */
export const SITE_TO_SITE_STEPS = 12;

/** /connections/<id> for a Site-to-Site VPN: live steps, tunnels, the path picture and the customer's side. */
export class SiteToSitePage {
  constructor(private readonly page: Page) {}

  steps(kind: "Provisioning" | "Removal" = "Provisioning") {
    return this.page.getByRole("list", { name: `${kind} steps` }).getByRole("listitem");
  }

  tunnel(n: 1 | 2) {
    return this.page.getByRole("listitem", { name: `Tunnel ${n}`, exact: true });
  }

  pathPicture() {
    return this.page.getByRole("img", { name: /^Your site / });
  }

  simulatePanel() {
    return this.page.getByRole("region", { name: "Sandbox: simulate your side" });
  }

  /** Provider staff's card: the engine's run, its failed step if any, and Retry. */
  async expectSupportView(failed: boolean): Promise<void> {
    await expect(this.page.getByRole("heading", { name: "Support", exact: true })).toBeVisible();
    if (failed) await expect(this.page.getByRole("button", { name: "Retry from the failed step" })).toBeVisible();
    else await expect(this.page.getByText("No step has failed.")).toBeVisible();
  }

  /** The live line under the steps ("Provisioning · updates live"); the page polls, nobody reloads it. */
  async expectStatus(label: "Provisioning" | "Available" | "Failed" | "Removing" | "Removed", timeout = 15_000): Promise<void> {
    await expect(this.page.getByText(new RegExp(`^${label} · `))).toBeVisible({ timeout });
  }

  /** Waits for every step to finish and the connection to become available. */
  async expectProvisioned(): Promise<void> {
    await this.expectStatus("Available", 120_000);
    await expect(this.steps()).toHaveCount(SITE_TO_SITE_STEPS);
    for (const step of await this.steps().all()) await expect(step).toContainText("Done");
    await expect(this.page.getByText(/^Provisioning finished in /)).toBeVisible();
  }

  async simulateTunnels(status: "UP" | "DOWN"): Promise<void> {
    await this.simulatePanel()
      .getByRole("button", { name: status === "UP" ? "Bring tunnels up" : "Take tunnels down" })
      .click();
    await expect(this.simulatePanel().getByRole("status")).toContainText(status === "UP" ? "brought both tunnels up" : "took both tunnels down");
  }

  /** Both tunnels show this state from the VPN's telemetry, in the tunnel list and in the path picture. */
  async expectTunnels(status: "UP" | "DOWN"): Promise<void> {
    for (const n of [1, 2] as const) await expect(this.tunnel(n)).toContainText(status, { timeout: 30_000 });
    await expect(this.pathPicture()).toHaveAccessibleName(new RegExp(`tunnel 1 ${status}, tunnel 2 ${status}`));
  }

  /** Reveals the tunnels' pre-shared keys (audited) and returns them. */
  async revealPreSharedKeys(): Promise<string[]> {
    await this.page.getByRole("button", { name: "Reveal pre-shared keys" }).click();
    const keys = [this.page.getByLabel("Pre-shared key of tunnel 1", { exact: true }), this.page.getByLabel("Pre-shared key of tunnel 2", { exact: true })];
    const values: string[] = [];
    for (const key of keys) {
      await expect(key).toHaveText(/^[A-Za-z0-9._]{8,64}$/);
      values.push((await key.textContent()) ?? "");
    }
    return values;
  }

  async remove(): Promise<void> {
    await this.page.getByRole("button", { name: "Remove connection" }).click();
    await this.page.getByRole("group", { name: "Confirm removal" }).getByRole("button", { name: "Yes, remove" }).click();
  }
}
