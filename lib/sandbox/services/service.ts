import type { Prng } from "@/lib/sandbox/prng";
import type { QuotaName } from "@/lib/sandbox/quotas";
import type { Timing } from "@/lib/sandbox/latency";
import type { QueryParams } from "@/lib/sandbox/protocols/query-params";
import type { ActionResult, WireRequest, WireResponse } from "@/lib/sandbox/protocols/wire";
import type { BucketSpec } from "@/lib/sandbox/request-limits";
import type { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { CloudState, RegionState } from "@/lib/sandbox/state/schema";

/** Everything an action sees except its parameters, whose shape depends on the wire protocol. */
export interface BaseContext {
  accountId: string;
  region: string;
  action: string;
  now: number;
  state: CloudState;
  regionState: RegionState;
  /** The persisted PRNG: ids, DNS suffixes and transition durations. */
  prng: Prng;
  timing: Timing;
  /** Eventual consistency: true while a resource created at `createdAt` must look absent. */
  hiddenSinceCreate(createdAt: number): boolean;
  /** Create* actions name the resource they created (or replayed) for the call log. */
  recordCreated(resourceId: string): void;
  /** The caller's quota in this region: AWS's default unless raised with the cloud's setQuota. */
  quota(name: QuotaName): number;
}

export interface ActionContext<P = QueryParams> extends BaseContext {
  params: P;
}

export interface ActionSpec<P = QueryParams> {
  /** Mutating actions trigger a state save. */
  mutates: boolean;
  run(context: ActionContext<P>): ActionResult;
}

export interface ParsedRequest<P> {
  action: string;
  params: P;
  dryRun: boolean;
}

/**
 * One wire protocol (EC2 query, awsQuery, JSON 1.1...): how a request names its action and carries
 * its parameters, and how answers and errors are written back.
 */
export interface Protocol<P> {
  /** Throws a SandboxError when the body cannot be read in this protocol. */
  parse(request: WireRequest): ParsedRequest<P>;
  success(action: string, requestId: string, result: ActionResult): WireResponse;
  error(status: number, code: string, message: string, requestId: string): WireResponse;
}

export type AuthFailureReason = "missing" | "malformed" | "unknown-key" | "bad-signature" | "unsupported-region";

/**
 * One emulated service: its SigV4 signing name, its wire protocol and its action table. Adding an
 * action is one entry here; adding a service is one more definition registered in the cloud.
 */
export interface ServiceDefinition<P = QueryParams> {
  signingName: string;
  /** Recognizes a request by its shape alone (Version=, X-Amz-Target), for unsigned requests. */
  recognizes(request: WireRequest): boolean;
  protocol: Protocol<P>;
  actions: Readonly<Record<string, ActionSpec<P>>>;
  authError(reason: AuthFailureReason, region: string): SandboxError;
  /** The answer to a throttled call: RequestLimitExceeded for EC2, ThrottlingException for JSON services. */
  throttleError(): SandboxError;
  internalError(): SandboxError;
  /** The request-rate bucket an action draws from (per account and region), or null when unlimited. */
  requestBucket?(action: string): BucketSpec | null;
  /** Runs before every admitted action, e.g. to create the default VPC an account always has. */
  prepare?(context: BaseContext): void;
}

/** A parsed call whose parameter type is hidden, so services of every protocol share one dispatcher. */
export interface BoundCall {
  action: string;
  dryRun: boolean;
  /** Undefined when the service has no such action. */
  mutates: boolean | undefined;
  run(base: BaseContext): ActionResult;
}

export interface RegisteredService {
  signingName: string;
  recognizes(request: WireRequest): boolean;
  parse(request: WireRequest): BoundCall;
  success(action: string, requestId: string, result: ActionResult): WireResponse;
  error(status: number, code: string, message: string, requestId: string): WireResponse;
  authError(reason: AuthFailureReason, region: string): SandboxError;
  throttleError(): SandboxError;
  internalError(): SandboxError;
  requestBucket(action: string): BucketSpec | null;
  prepare(context: BaseContext): void;
}

export function registerService<P>(definition: ServiceDefinition<P>): RegisteredService {
  const protocol = definition.protocol;
  return {
    signingName: definition.signingName,
    recognizes: (request) => definition.recognizes(request),
    parse(request) {
      const parsed = protocol.parse(request);
      const spec: ActionSpec<P> | undefined = Object.hasOwn(definition.actions, parsed.action)
        ? definition.actions[parsed.action]
        : undefined;
      return {
        action: parsed.action,
        dryRun: parsed.dryRun,
        mutates: spec?.mutates,
        run(base) {
          if (!spec) throw new Error(`No action ${parsed.action} on ${definition.signingName}.`);
          return spec.run({ ...base, params: parsed.params });
        },
      };
    },
    success: (action, requestId, result) => protocol.success(action, requestId, result),
    error: (status, code, message, requestId) => protocol.error(status, code, message, requestId),
    authError: (reason, region) => definition.authError(reason, region),
    throttleError: () => definition.throttleError(),
    internalError: () => definition.internalError(),
    requestBucket: (action) => definition.requestBucket?.(action) ?? null,
    prepare: (context) => definition.prepare?.(context),
  };
}
