import { expect, type Page } from "@playwright/test";

/** AWS's regional DNS name for an interface endpoint, e.g. vpce-0abc…-1a2b3c4d.vpce-svc-0def….us-east-1.vpce.amazonaws.com */
export const ENDPOINT_DNS_NAME = /vpce-[0-9a-f]+-[0-9a-z]+(\.|-[a-z0-9-]+\.)?vpce-svc-[0-9a-f]+\.[a-z0-9-]+\.vpce\.amazonaws\.com/;

/** /connections/<id>: what to do on the customer's side, and the live status. */
export class ConnectionPage {
  constructor(private readonly page: Page) {}

  serviceName() {
    return this.page.getByLabel("Service name", { exact: true });
  }

  simulatePanel() {
    return this.page.getByRole("region", { name: "Sandbox: simulate your side" });
  }

  async expectWaitingForEndpoint(): Promise<void> {
    await expect(this.page.getByText(/Waiting for your endpoint · updated/)).toBeVisible();
    await expect(this.serviceName()).toContainText(/^com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-f]+$/);
    await expect(this.page.getByLabel("AWS CLI commands", { exact: true })).toContainText("aws ec2 create-vpc-endpoint");
  }

  async simulateCustomerEndpoint(): Promise<void> {
    await this.simulatePanel().getByRole("button", { name: "Create my interface endpoint" }).click();
    await expect(this.simulatePanel().getByText("Endpoint created in your simulated account.")).toBeVisible();
  }

  /** Waits for the live status to reach Available (the page polls; nobody reloads it). */
  async expectAvailable(): Promise<void> {
    await expect(this.page.getByText(/^Available · updated/)).toBeVisible({ timeout: 60_000 });
    await expect(this.page.getByLabel("Endpoint ID", { exact: true })).toContainText(/^vpce-[0-9a-f]+$/);
    await expect(this.page.getByText(ENDPOINT_DNS_NAME).first()).toBeVisible();
  }

  /** Every DNS name the page lists under "Your endpoint", each with its test commands. */
  async dnsNames(): Promise<string[]> {
    const labels = await this.page.getByLabel(/^Test commands for /).evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label") ?? ""));
    return labels.map((l) => l.replace(/^Test commands for /, ""));
  }
}
