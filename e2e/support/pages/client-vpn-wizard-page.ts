import { expect, type Page } from "@playwright/test";

export interface ClientVpnRequest {
  products: string[];
  region: string;
  name?: string;
}

/** /connections/new → "On premises" → "Client VPN (a few machines or remote users)", and its form. */
export class ClientVpnWizardPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/connections");
    await this.page.getByRole("link", { name: "New connection" }).click();
    await expect(this.page.getByRole("heading", { name: "Where do your workloads run?" })).toBeVisible();
    await this.page.getByRole("button", { name: /^On premises/ }).click();
    await this.page.getByRole("button", { name: /^Client VPN \(a few machines or remote users\)/ }).click();
    await expect(this.page.getByRole("button", { name: "Create Client VPN" })).toBeVisible();
  }

  product(name: string) {
    return this.page.getByRole("checkbox", { name: new RegExp(`^${name}`) });
  }

  region() {
    return this.page.getByLabel("Region", { exact: true });
  }

  name() {
    return this.page.getByLabel("Name (optional)");
  }

  async fill(request: ClientVpnRequest): Promise<void> {
    for (const product of request.products) await this.product(product).check();
    await this.region().selectOption({ label: request.region });
    if (request.name) await this.name().fill(request.name);
  }

  /** Runs the whole wizard and waits for the new connection's page. */
  async create(request: ClientVpnRequest): Promise<void> {
    await this.open();
    await this.fill(request);
    await this.page.getByRole("button", { name: "Create Client VPN" }).click();
    await expect(this.page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  }
}
