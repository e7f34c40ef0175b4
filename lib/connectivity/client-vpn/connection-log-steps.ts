import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  PutRetentionPolicyCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { creating, tolerating } from "@/lib/connectivity/landing-network/step-env";
import type { StepOutcome } from "@/lib/engine/plan";
import type { ClientVpnDeps, StepEnv } from "./step-env";

/**
 * The environment's Client VPN connection log: a CloudWatch Logs group of its own (named after the
 * environment, tagged like its other resources) with one stream the endpoint writes every
 * connection attempt and end to, kept 90 days. Log group names are unique per account and region,
 * so "already exists" means an earlier attempt made it: the step adopts it.
 */

/** Long enough for a support case about last quarter's connections; AWS offers 60 or 90, not 75. */
export const CONNECTION_LOG_RETENTION_DAYS = 90;
export const CONNECTION_LOG_STREAM = "connections";

export function connectionLogGroupName(environmentId: string): string {
  return `/onramp/client-vpn/${environmentId}`;
}

const ALREADY_EXISTS = ["ResourceAlreadyExistsException"];

export async function ensureConnectionLog(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<{ logGroupName: string; logStreamName: string }>> {
  const logs = deps.logs(env.input.region);
  const logGroupName = connectionLogGroupName(env.connectionId);
  await creating(deps, env, () => tolerating(ALREADY_EXISTS, () => logs.send(new CreateLogGroupCommand({ logGroupName, tags: { ...env.tags } }))));
  await logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: CONNECTION_LOG_RETENTION_DAYS }));
  await creating(deps, env, () =>
    tolerating(ALREADY_EXISTS, () => logs.send(new CreateLogStreamCommand({ logGroupName, logStreamName: CONNECTION_LOG_STREAM }))),
  );
  return { done: { logGroupName, logStreamName: CONNECTION_LOG_STREAM } };
}

/** After the endpoint is gone (it writes to the group until then): the group and its stream go together. */
export async function removeConnectionLog(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const logGroupName = connectionLogGroupName(env.connectionId);
  await tolerating(["ResourceNotFoundException"], () => deps.logs(env.input.region).send(new DeleteLogGroupCommand({ logGroupName })));
  return { done: {} };
}
