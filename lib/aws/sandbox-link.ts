import "server-only";
import path from "node:path";
import { createSandboxCloud, type SandboxCloud, type TunnelStatus } from "@/lib/sandbox/cloud";
import { dataDir, env, isSandbox } from "@/lib/env";
import { AwsResponseError } from "./errors";

// One emulated cloud per process, on globalThis: Next.js can load this module in several bundles,
// and two instances on one state file would overwrite each other's saves.
const globalKey = Symbol.for("onramp.sandbox-cloud");
type GlobalWithSandbox = typeof globalThis & { [globalKey]?: SandboxCloud };

/**
 * The sandbox's refusals as AWS-coded errors. Checked by shape, not `instanceof`: the process's cloud
 * may have been created by another Next.js bundle, whose copy of the SandboxError class differs.
 */
function asAwsError(error: unknown): unknown {
  if (error instanceof Error && error.name === "SandboxError" && typeof (error as { code?: unknown }).code === "string") {
    return new AwsResponseError((error as Error & { code: string }).code, error.message);
  }
  return error;
}

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
    throw asAwsError(error);
  }
}

/**
 * "Simulate your side" of Client VPN: a device's OpenVPN client connects to the endpoint with its
 * client certificate (returning the connection id), or disconnects one of its sessions. The
 * sandbox performs the handshake checks AWS does, so a revoked device (once the revocation list is
 * imported) is refused with ClientCertificate.Revoked; refusals come back coded like AWS's errors.
 */
export function simulateClientVpnDevice(
  request: { action: "connect"; clientVpnEndpointId: string; certificatePem: string } | { action: "disconnect"; connectionId: string },
): string | null {
  if (!isSandbox) throw new Error("Client VPN devices can only be simulated in the sandbox cloud.");
  try {
    if (request.action === "connect") return sandboxCloud().connectClientVpnDevice(request.clientVpnEndpointId, { certificatePem: request.certificatePem });
    sandboxCloud().disconnectClientVpnDevice(request.connectionId);
    return null;
  } catch (error) {
    throw asAwsError(error);
  }
}
