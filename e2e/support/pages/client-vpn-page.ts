import { readFile } from "node:fs/promises";
import { expect, type Page } from "@playwright/test";

export interface DownloadedConfig {
  fileName: string;
  contents: string;
}

/** /connections/<id> for a Client VPN: the shared environment's steps, devices, sessions, and the sandbox's device. */
export class ClientVpnPage {
  constructor(private readonly page: Page) {}

  devices() {
    return this.page.getByRole("table", { name: "Devices", exact: true });
  }

  device(name: string) {
    return this.devices().getByRole("row").filter({ hasText: name });
  }

  sessions() {
    return this.page.getByRole("table", { name: "Connected devices" });
  }

  session(deviceName: string) {
    return this.sessions().getByRole("row").filter({ hasText: deviceName });
  }

  simulatePanel() {
    return this.page.getByRole("region", { name: "Sandbox: simulate your side" });
  }

  issuedLinkPanel() {
    return this.page.getByRole("region", { name: /^Configuration for / });
  }

  /** The live line under the steps ("Available · updates live"); the page polls, nobody reloads it. */
  async expectStatus(label: "Provisioning" | "Available" | "Failed" | "Removing" | "Removed", timeout = 15_000): Promise<void> {
    await expect(this.page.getByText(new RegExp(`^${label} · `))).toBeVisible({ timeout });
  }

  /** Adds a device and waits for its one-time link. */
  async addDevice(name: string, expiresOn?: string): Promise<void> {
    const form = this.page.getByRole("form", { name: "Add a device" });
    await form.getByLabel("Device or person").fill(name);
    if (expiresOn) await form.getByLabel("Expires on (optional)").fill(expiresOn);
    await form.getByRole("button", { name: "Add device" }).click();
    await expect(this.issuedLinkPanel()).toContainText(`Configuration for ${name}`);
    await expect(this.issuedLinkPanel()).toContainText("This link works once and expires at");
  }

  /** Follows the one-time link and returns the file the browser saved. */
  async downloadConfig(): Promise<DownloadedConfig> {
    const saved = this.page.waitForEvent("download");
    await this.issuedLinkPanel().getByRole("link", { name: "Download configuration (.ovpn)" }).click();
    const download = await saved;
    const failure = await download.failure();
    if (failure) throw new Error(`the download failed: ${failure}`);
    return { fileName: download.suggestedFilename(), contents: await readFile(await download.path(), "utf8") };
  }

  /** Plays the device's VPN client in the sandbox; the panel then says whether it is connected, or why the endpoint refused it. */
  async simulate(deviceName: string, action: "connect" | "disconnect"): Promise<void> {
    const panel = this.simulatePanel();
    // A revoked device stays listed, labelled "(revoked)": the option's name starts with the device's.
    const option = panel.getByRole("option", { name: new RegExp(`^${deviceName}( \\(|$)`) });
    await panel.getByLabel("Device", { exact: true }).selectOption((await option.getAttribute("value")) ?? "");
    await panel.getByRole("button", { name: action === "connect" ? "Connect device" : "Disconnect device", exact: true }).click();
  }

  /** The sandbox panel's line for the chosen device, from the endpoint's live sessions. */
  async expectSimulatedConnected(deviceName: string, connected: boolean): Promise<void> {
    await expect(this.simulatePanel().getByText(`${deviceName} ${connected ? "is connected now." : "is not connected."}`)).toBeVisible();
  }

  simulateMessage() {
    return this.simulatePanel().getByRole("status");
  }

  async revoke(deviceName: string): Promise<void> {
    await this.page.getByRole("button", { name: `Revoke ${deviceName}` }).click();
    await this.page.getByRole("group", { name: `Confirm for ${deviceName}` }).getByRole("button", { name: "Yes, revoke" }).click();
    await expect(this.page.getByText(/Revocations are applied together: next import at \d\d:\d\d UTC/)).toBeVisible();
  }
}
