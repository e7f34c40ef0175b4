import { expect, type Page } from "@playwright/test";

/** The "Help me choose" panel on the wizard's Type step. */
export class RecommendationPanel {
  constructor(private readonly page: Page) {}

  /** /connections/new → a location, stopping on the Type step. */
  async openAt(location: RegExp): Promise<void> {
    await this.page.goto("/connections/new");
    await this.page.getByRole("button", { name: location }).click();
    await expect(this.page.getByRole("heading", { name: "How do you want to connect?" })).toBeVisible();
  }

  async open(): Promise<void> {
    await this.page.getByRole("button", { name: "Help me choose" }).click();
  }

  async answer(input: { machines: string; vpnDevice?: boolean }): Promise<void> {
    await this.machines().fill(input.machines);
    if (input.vpnDevice !== undefined) {
      await this.page.getByRole("group", { name: /VPN/ }).getByRole("radio", { name: input.vpnDevice ? "Yes" : "No", exact: true }).check();
    }
  }

  machines() {
    return this.page.getByLabel("How many machines or people need our service?");
  }

  /** The type card of this title, found the way the other page objects find it. */
  card(title: RegExp) {
    return this.page.getByRole("button", { name: title });
  }
}
