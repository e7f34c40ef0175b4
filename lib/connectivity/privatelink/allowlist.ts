import type { Db } from "@/db/client";
import type { productRegions } from "@/db/schema";
import { allowPrincipal, principalArn } from "@/lib/aws/endpoint-services";
import { awsErrorCode, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import { transition, type ConnectionRow } from "./transitions";

type ProductRegionRow = typeof productRegions.$inferSelect;

export type AllowlistOutcome = "allowlisted" | "failed" | "skipped";

/**
 * Allows the connection's AWS account on the endpoint service and moves it on to waiting for the
 * customer's endpoint. Safe to run twice at once (from the action and the reconciler): the AWS call
 * is idempotent and the status change is a compare-and-set. Transient AWS errors are thrown: the
 * connection stays `allowlisting` and the reconciler retries with backoff.
 */
export async function allowlistConnection(db: Db, connection: ConnectionRow, service: ProductRegionRow): Promise<AllowlistOutcome> {
  if (connection.status !== "allowlisting") return "skipped";
  try {
    await allowPrincipal(service.region, service.serviceId, connection.awsAccountId);
  } catch (error) {
    if (isTransient(error)) throw error;
    console.error("[onramp] allow-listing failed", awsErrorCode(error));
    await transition(db, {
      connectionId: connection.id,
      from: ["allowlisting"],
      to: "failed",
      set: { errorCode: awsErrorCode(error), errorMessage: safeAwsMessage(error) },
      event: { kind: "failed", message: `Allow-listing the account failed: ${safeAwsMessage(error)}` },
      actor: null,
      audit: { action: "connection.fail", detail: { step: "allowlist", code: awsErrorCode(error) } },
    });
    return "failed";
  }
  const moved = await transition(db, {
    connectionId: connection.id,
    from: ["allowlisting"],
    to: "awaiting_endpoint",
    set: { errorCode: null, errorMessage: null },
    event: { kind: "allowlisted", message: `Allowed ${principalArn(connection.awsAccountId)} on ${service.serviceName}. Waiting for your interface endpoint.` },
    actor: null,
    audit: { action: "connection.allowlist", detail: { serviceId: service.serviceId, awsAccountId: connection.awsAccountId } },
  });
  return moved ? "allowlisted" : "skipped";
}
