import "server-only";
import path from "node:path";
import { createSandboxCloud, type SandboxCloud, type TunnelStatus } from "@/lib/sandbox/cloud";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { dataDir, env, isSandbox } from "@/lib/env";
import { AwsResponseError } from "./errors";

// One emulated cloud per process, on globalThis: Next.js can load this module in several bundles,
// and two instances on one state file would overwrite each other's saves.
const globalKey = Symbol.for("onramp.sandbox-cloud");
type GlobalWithSandbox = typeof globalThis & { [globalKey]?: SandboxCloud };

/** The process-wide in-process sandbox cloud. Only meaningful when `isSandbox`. */
export function sandboxCloud(): SandboxCloud {
  const g = globalThis as GlobalWithSandbox;
  const existing = g[globalKey];
  if (existing) return existing;
  const cloud = createSandboxCloud({
    stateFile: path.join(dataDir, "sandbox-state.json"),
    profile: env.ONRAMP_SANDBOX_PROFILE,
    timeScale: env.ONRAMP_SANDBOX_TIME_SCALE,
  });
  g[globalKey] = cloud;
  // Saves are usually written as calls mutate state; this catches anything still buffered.
  process.once("beforeExit", () => {
    void cloud.flush();
  });
  return cloud;
}

/** Saves and closes the process's sandbox cloud, if one was started (tests, before removing its folder). */
export async function closeSandboxCloud(): Promise<void> {
  const g = globalThis as GlobalWithSandbox;
  const cloud = g[globalKey];
  if (!cloud) return;
  delete g[globalKey];
  await cloud.close();
}

/**
 * "Simulate your side" of a Site-to-Site VPN: the customer's device brings both tunnels of the VPN
 * connection up or takes them down. Only the sandbox has a customer device to drive; its refusals
 * (IncorrectState while the VPN is not available, .NotFound) come back coded like AWS's errors.
 */
export function simulateVpnDevice(vpnConnectionId: string, status: TunnelStatus): void {
  if (!isSandbox) throw new Error("Customer devices can only be simulated in the sandbox cloud.");
  try {
    sandboxCloud().setVpnTunnelStatus(vpnConnectionId, status);
  } catch (error) {
    if (error instanceof SandboxError) throw new AwsResponseError(error.code, error.message);
    throw error;
  }
}
