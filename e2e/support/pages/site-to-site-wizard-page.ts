import { expect, type Page } from "@playwright/test";

export type SiteLocation = "on_premises" | "other_cloud";
export type OtherCloudName = "Azure" | "Google Cloud" | "Oracle Cloud" | "Other";

export interface TunnelInput {
  insideCidr?: string;
  preSharedKey?: string;
}

export interface SiteToSiteRequest {
  location: SiteLocation;
  /** Only for other_cloud. */
  cloud?: OtherCloudName;
  siteName: string;
  deviceIp: string;
  /** BGP with this ASN; leave out and set `static` for static routing. */
  asn?: number | string;
  static?: boolean;
  cidrs: string[];
  /** AWS's vendor name, e.g. "Cisco Systems, Inc."; on premises Generic when left out. */
  vendor?: string;
  platform?: string;
  software?: string;
  products: string[];
  region: string;
  accelerated?: boolean;
  tunnels?: [TunnelInput, TunnelInput];
}

const LOCATION_TITLES: Record<SiteLocation, RegExp> = { on_premises: /^On premises/, other_cloud: /^Other cloud/ };

/** /connections/new → "On premises" or "Other cloud" → "Site-to-Site VPN", and its form. */
export class SiteToSiteWizardPage {
  constructor(private readonly page: Page) {}

  async open(location: SiteLocation): Promise<void> {
    await this.page.goto("/connections");
    await this.page.getByRole("link", { name: "New connection" }).click();
    await expect(this.page.getByRole("heading", { name: "Where do your workloads run?" })).toBeVisible();
    await this.page.getByRole("button", { name: LOCATION_TITLES[location] }).click();
    await this.page.getByRole("button", { name: /^Site-to-Site VPN/ }).click();
    await expect(this.siteName()).toBeVisible();
  }

  siteName() {
    return this.page.getByLabel("Site name");
  }

  deviceIp() {
    return this.page.getByLabel(/^Public IPv4 address of your VPN/);
  }

  cloud(name: OtherCloudName) {
    return this.page.getByRole("radio", { name, exact: true });
  }

  bgp() {
    return this.page.getByRole("radio", { name: /^Dynamic \(BGP\)/ });
  }

  staticRouting() {
    return this.page.getByRole("radio", { name: /^Static/ });
  }

  asn() {
    return this.page.getByLabel("BGP ASN of your side");
  }

  /** The n-th network row, counting from 1. */
  network(n: number) {
    return this.page.getByLabel(`Network ${n}`, { exact: true });
  }

  vendor() {
    return this.page.getByLabel("Vendor", { exact: true });
  }

  product(name: string) {
    return this.page.getByRole("checkbox", { name: new RegExp(`^${name}`) });
  }

  region() {
    return this.page.getByLabel("Region", { exact: true });
  }

  tunnelInsideCidr(tunnel: 1 | 2) {
    return this.page.getByLabel(`Tunnel ${tunnel} inside CIDR`);
  }

  tunnelPreSharedKey(tunnel: 1 | 2) {
    return this.page.getByLabel(`Tunnel ${tunnel} pre-shared key`);
  }

  formMessage() {
    return this.page.getByRole("status").filter({ hasText: /./ });
  }

  async fill(request: SiteToSiteRequest): Promise<void> {
    await this.siteName().fill(request.siteName);
    if (request.cloud) await this.cloud(request.cloud).check();
    await this.deviceIp().fill(request.deviceIp);
    if (request.static) {
      await this.staticRouting().check();
    } else {
      await this.bgp().check();
      await this.asn().fill(String(request.asn ?? ""));
    }
    for (const [index, cidr] of request.cidrs.entries()) {
      if (index > 0) await this.page.getByRole("button", { name: "Add network" }).click();
      await this.network(index + 1).fill(cidr);
    }
    const vendor = request.vendor ?? (request.location === "on_premises" ? "Generic" : undefined);
    if (vendor) await this.vendor().selectOption({ label: vendor });
    if (request.platform) await this.page.getByLabel("Platform", { exact: true }).selectOption({ label: request.platform });
    if (request.software) await this.page.getByLabel("Software", { exact: true }).selectOption({ label: request.software });
    if (request.accelerated) await this.page.getByRole("checkbox", { name: "Accelerate the tunnels" }).check();
    for (const name of request.products) await this.product(name).check();
    await this.region().selectOption({ label: request.region });
    if (request.tunnels) {
      await this.openAdvanced();
      for (const [index, tunnel] of request.tunnels.entries()) {
        const number = index === 0 ? 1 : 2;
        if (tunnel.insideCidr !== undefined) await this.tunnelInsideCidr(number).fill(tunnel.insideCidr);
        if (tunnel.preSharedKey !== undefined) await this.tunnelPreSharedKey(number).fill(tunnel.preSharedKey);
      }
    }
  }

  async openAdvanced(): Promise<void> {
    if (!(await this.tunnelInsideCidr(1).isVisible())) await this.page.getByText("Advanced: tunnel addresses and pre-shared keys").click();
    await expect(this.tunnelInsideCidr(1)).toBeVisible();
  }

  async submit(): Promise<void> {
    await this.page.getByRole("button", { name: "Create Site-to-Site VPN" }).click();
  }

  /** Runs the whole wizard and waits for the new connection's page. */
  async create(request: SiteToSiteRequest): Promise<void> {
    await this.open(request.location);
    await this.fill(request);
    await this.submit();
    await expect(this.page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  }
}
