"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { guardedAction } from "@/lib/auth/guard";
import {
  addClientVpnDevice as addDevice,
  addDeviceInput,
  disconnectClientVpnSession as disconnectSession,
  reissueClientVpnDevice as reissueDevice,
  revokeClientVpnDevice as revokeDevice,
  simulateClientVpnDevice as simulateDevice,
} from "@/lib/connectivity/client-vpn/device-requests";
import { clientVpnInput, createClientVpn as create, removeClientVpn as remove, retryClientVpn as retry } from "@/lib/connectivity/client-vpn/requests";

/**
 * Client VPN actions: the tenant's connection in a region, and its devices. Device changes are
 * audited by the device modules; the connection's by the requests.
 */
const connectionRef = z.object({ connectionId: z.uuid({ error: "Not found." }) });
const deviceRef = connectionRef.extend({ deviceId: z.uuid({ error: "Not found." }) });

function revalidateConnection(connectionId: string): void {
  revalidatePath(`/connections/${connectionId}`);
  revalidatePath("/connections");
  revalidatePath("/support/connections");
}

export const createClientVpn = guardedAction({ permission: "connection.create", input: clientVpnInput }, async (input, caller) => {
  const created = await create(getDb(), caller, input);
  revalidatePath("/connections");
  return created;
});

export const removeClientVpn = guardedAction({ permission: "connection.remove", input: connectionRef }, async ({ connectionId }, caller) => {
  await remove(getDb(), caller, connectionId);
  revalidateConnection(connectionId);
  return { connectionId };
});

export const retryClientVpn = guardedAction({ permission: "connection.repair", input: connectionRef }, async ({ connectionId }, caller) => {
  await retry(getDb(), caller, connectionId);
  revalidateConnection(connectionId);
  return { connectionId };
});

/** Returns the single-use link to the new device's configuration: shown once, to this admin. */
export const addClientVpnDevice = guardedAction({ permission: "client_vpn.device.manage", input: addDeviceInput }, async (input, caller) =>
  addDevice(getDb(), caller, input),
);

export const reissueClientVpnDevice = guardedAction({ permission: "client_vpn.device.manage", input: deviceRef }, async ({ connectionId, deviceId }, caller) =>
  reissueDevice(getDb(), caller, connectionId, deviceId),
);

export const revokeClientVpnDevice = guardedAction({ permission: "client_vpn.device.manage", input: deviceRef }, async ({ connectionId, deviceId }, caller) =>
  revokeDevice(getDb(), caller, connectionId, deviceId),
);

export const disconnectClientVpnSession = guardedAction(
  { permission: "client_vpn.device.manage", input: connectionRef.extend({ sessionId: z.string().min(1, "Not found.") }) },
  async ({ connectionId, sessionId }, caller) => disconnectSession(getDb(), caller, connectionId, sessionId),
);

/** Sandbox only (answers "not found" with real AWS): the device's simulated OpenVPN client connects or disconnects. */
export const simulateClientVpnDevice = guardedAction(
  { permission: "connection.simulate", input: deviceRef.extend({ action: z.enum(["connect", "disconnect"]) }) },
  async ({ connectionId, deviceId, action }, caller) => simulateDevice(getDb(), caller, connectionId, deviceId, action),
);
