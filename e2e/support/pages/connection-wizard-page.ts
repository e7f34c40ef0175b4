import { expect, type Page } from "@playwright/test";

/** /connections/new: location, then type, then details. */
export class ConnectionWizardPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/connections");
    await this.page.getByRole("link", { name: "New connection" }).click();
    await expect(this.page.getByRole("heading", { name: "Where do your workloads run?" })).toBeVisible();
  }

  async choosePrivateLink(): Promise<void> {
    await this.page.getByRole("button", { name: /On AWS/ }).click();
    await this.page.getByRole("button", { name: /PrivateLink interface endpoint/ }).click();
    await expect(this.accountId()).toBeVisible();
  }

  accountId() {
    return this.page.getByLabel("Your AWS account ID");
  }

  async fillDetails(input: { awsAccountId: string; product: string; region: string; name?: string }): Promise<void> {
    await this.accountId().fill(input.awsAccountId);
    await this.page.getByLabel("Product").selectOption({ label: input.product });
    await this.page.getByLabel("Region").selectOption({ label: input.region });
    if (input.name) await this.page.getByLabel("Name (optional)").fill(input.name);
  }

  async submit(): Promise<void> {
    await this.page.getByRole("button", { name: "Create connection" }).click();
  }

  /** Runs the whole wizard and waits for the new connection's page. */
  async create(input: { awsAccountId: string; product: string; region: string; name?: string }): Promise<void> {
    await this.open();
    await this.choosePrivateLink();
    await this.fillDetails(input);
    await this.submit();
    await expect(this.page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  }
}
