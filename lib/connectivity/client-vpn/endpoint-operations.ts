import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { clientVpnEndpointOperationSlots } from "@/db/schema";
import { AwsResponseError } from "@/lib/aws/errors";

/**
 * AWS runs at most 10 concurrent operations on one Client VPN endpoint (a hard limit; more fail
 * with ConcurrentMutationLimitExceeded). Every mutating call on an endpoint (associating and
 * disassociating subnets, authorization rules, revocation list imports, terminating connections)
 * runs while holding one of its slot rows, so all processes together stay within the limit; the
 * others queue, polling for a free slot. A lease outlives any single call by far, and frees the
 * slot of a process that died holding it.
 */
export const ENDPOINT_OPERATION_SLOTS = 10;

const LEASE_MS = 2 * 60_000;
const POLL_MS = 50;
const MAX_POLL_MS = 1_000;

export interface EndpointOperationOptions {
  slots?: number;
  /** How long to queue for a slot before giving up. */
  waitMs?: number;
}

const acquiredRows = z.object({ rows: z.array(z.object({ slot: z.coerce.number().int() })) });

/**
 * Takes the lowest free slot in one statement: a slot row whose lease expired is taken over, and a
 * slot another process took at the same moment is left to it (the conflict's update matches no
 * row), so two callers never hold one slot.
 */
async function tryAcquire(db: DbOrTx, endpointId: string, holder: string, slots: number): Promise<number | null> {
  const result = await db.execute(sql`
    insert into ${clientVpnEndpointOperationSlots} (client_vpn_endpoint_id, slot, holder, lease_expires_at)
    select ${endpointId}, candidate, ${holder}, clock_timestamp() + ${`${LEASE_MS} milliseconds`}::interval
    from generate_series(0, ${slots - 1}) as candidate
    where candidate not in (
      select slot from ${clientVpnEndpointOperationSlots}
      where client_vpn_endpoint_id = ${endpointId} and lease_expires_at > clock_timestamp()
    )
    order by candidate
    limit 1
    on conflict (client_vpn_endpoint_id, slot) do update
      set holder = excluded.holder, lease_expires_at = excluded.lease_expires_at
      where ${clientVpnEndpointOperationSlots.leaseExpiresAt} <= clock_timestamp()
    returning slot`);
  const [row] = acquiredRows.parse(result).rows;
  return row ? row.slot : null;
}

/** Runs `operation` holding one of the endpoint's slots, waiting for one while all are taken. */
export async function withEndpointOperation<T>(db: DbOrTx, endpointId: string, operation: () => Promise<T>, options: EndpointOperationOptions = {}): Promise<T> {
  const holder = randomUUID();
  const slots = options.slots ?? ENDPOINT_OPERATION_SLOTS;
  const deadline = Date.now() + (options.waitMs ?? LEASE_MS);
  let slot = await tryAcquire(db, endpointId, holder, slots);
  for (let pause = POLL_MS; slot === null; pause = Math.min(pause * 2, MAX_POLL_MS)) {
    if (Date.now() >= deadline) {
      // What AWS itself answers when an endpoint is this busy.
      throw new AwsResponseError("ConcurrentMutationLimitExceeded", `Client VPN endpoint ${endpointId} stayed busy with ${slots} operations; try again later.`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random() / 2)));
    slot = await tryAcquire(db, endpointId, holder, slots);
  }
  try {
    return await operation();
  } finally {
    await db
      .delete(clientVpnEndpointOperationSlots)
      .where(
        and(
          eq(clientVpnEndpointOperationSlots.clientVpnEndpointId, endpointId),
          eq(clientVpnEndpointOperationSlots.slot, slot),
          eq(clientVpnEndpointOperationSlots.holder, holder),
        ),
      );
  }
}
