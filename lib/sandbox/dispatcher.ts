import { randomUUID } from "node:crypto";
import { verifySigV4 } from "@/lib/sandbox/accounts/sigv4-verify";
import { isSupportedRegion } from "@/lib/sandbox/accounts/zones";
import { sdkAttempt, type CallLog } from "@/lib/sandbox/call-log";
import type { FaultInjector } from "@/lib/sandbox/faults";
import type { Timing } from "@/lib/sandbox/latency";
import type { Prng } from "@/lib/sandbox/prng";
import { quotaValue } from "@/lib/sandbox/quotas";
import { ec2QueryCodec } from "@/lib/sandbox/protocols/ec2-query-codec";
import type { WireRequest, WireResponse } from "@/lib/sandbox/protocols/wire";
import type { RequestLimiter } from "@/lib/sandbox/request-limits";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import type { ActionContext, BaseContext, BoundCall, RegisteredService } from "@/lib/sandbox/services/service";
import { regionState, type CloudState } from "@/lib/sandbox/state/schema";

export interface DispatcherDeps {
  services: readonly RegisteredService[];
  state: () => CloudState;
  prng: Prng;
  latencyPrng: Prng;
  timing: Timing;
  faults: FaultInjector;
  callLog: CallLog;
  /** The request-rate buckets in force, or null while the cloud does not enforce them. */
  limiter: () => RequestLimiter | null;
  /** Called after anything may have changed state. */
  onMutation: () => void;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One request through the pipeline: authenticate (SigV4 against the account's derived secret) ->
 * route to a service, whose protocol parses the action and parameters -> admission (injected
 * faults, then the per-account, per-region request buckets: a throttled call never touches state)
 * -> latency -> run the action on state -> encode with the service's protocol.
 */
export class Dispatcher {
  constructor(private readonly deps: DispatcherDeps) {}

  baseContext(accountId: string, region: string, action: string, now = Date.now(), created: string[] = []): BaseContext {
    const state = this.deps.state();
    const window = this.deps.faults.notFoundWindowMs(action);
    const rs = regionState(state, region);
    return {
      accountId,
      region,
      action,
      now,
      state,
      regionState: rs,
      prng: this.deps.prng,
      timing: this.deps.timing,
      hiddenSinceCreate: (createdAt) => window > 0 && now - createdAt < window,
      recordCreated: (resourceId) => {
        created.push(resourceId);
      },
      quota: (name) => quotaValue(rs.quotas, accountId, name),
    };
  }

  contextFor<P>(accountId: string, region: string, action: string, params: P, now = Date.now()): ActionContext<P> {
    return { ...this.baseContext(accountId, region, action, now), params };
  }

  private serviceFor(signingName: string | undefined, request: WireRequest): RegisteredService | undefined {
    const services = this.deps.services;
    if (signingName) return services.find((service) => service.signingName === signingName);
    return services.find((service) => service.recognizes(request));
  }

  async handle(request: WireRequest): Promise<WireResponse> {
    const requestId = randomUUID();
    const auth = await verifySigV4(request);
    const service = this.serviceFor(auth.service, request);
    const region = auth.region ?? "us-east-1";
    const accountId = auth.ok ? auth.accountId : "";
    let action = "";
    const attempt = sdkAttempt(request.headers);
    const log = (status: number, errorCode?: string, resourceId?: string) =>
      this.deps.callLog.add({
        at: Date.now(),
        accountId,
        region,
        service: service?.signingName ?? auth.service ?? "unknown",
        action,
        status,
        errorCode,
        resourceId,
        attempt,
      });

    if (!service) {
      log(400, "UnknownService");
      return ec2QueryCodec.error(400, "UnknownService", "This cloud does not emulate the requested service.", requestId);
    }
    const fail = (error: SandboxError): WireResponse => {
      log(error.status, error.code);
      return service.error(error.status, error.code, error.message, requestId);
    };

    let call: BoundCall;
    try {
      call = service.parse(request);
    } catch (error) {
      if (error instanceof SandboxError) return fail(error);
      throw error;
    }
    action = call.action;

    if (!auth.ok) return fail(service.authError(auth.reason, region));
    if (!isSupportedRegion(region)) return fail(service.authError("unsupported-region", region));
    if (call.mutates === undefined) {
      return fail(new SandboxError("InvalidAction", `The action ${action || "(none)"} is not valid for this web service.`));
    }
    const fault = this.deps.faults.failureFor(action);
    if (fault === "throttle") return fail(service.throttleError());
    if (fault === "internal") return fail(service.internalError());
    const limiter = this.deps.limiter();
    const bucket = limiter ? service.requestBucket(action) : null;
    if (bucket && limiter && !limiter.take(auth.accountId, region, bucket)) {
      return fail(service.throttleError());
    }

    const latency = this.deps.timing.callLatencyMs(this.deps.latencyPrng);
    if (latency > 0) await sleep(latency);

    const rngBefore = this.deps.prng.current;
    const created: string[] = [];
    const context = this.baseContext(auth.accountId, region, action, Date.now(), created);
    try {
      service.prepare(context);
      if (call.dryRun) {
        throw new SandboxError("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", 412);
      }
      const result = call.run(context);
      log(200, undefined, created[0]);
      return service.success(action, requestId, result);
    } catch (error) {
      if (error instanceof SandboxError) return fail(error);
      // Unexpected: a bug in the emulator. The caller gets AWS's generic answer; the cause goes to
      // stderr for whoever runs the sandbox (requests carry no secrets: only signatures).
      console.error(`sandbox: ${service.signingName}:${action} failed`, error);
      return fail(service.internalError());
    } finally {
      if (call.mutates || this.deps.prng.current !== rngBefore) this.deps.onMutation();
    }
  }
}
