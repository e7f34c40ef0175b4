import type { HttpHandler } from "@smithy/protocol-http";
import { credentialsFor as deriveCredentials, isAccountId, type AccountCredentials } from "@/lib/sandbox/accounts/credentials";
import { isSupportedRegion } from "@/lib/sandbox/accounts/zones";
import { PROVIDER_ACCOUNT_ID, bootstrapProvider } from "@/lib/sandbox/bootstrap";
import { CallLog, type CallRecord } from "@/lib/sandbox/call-log";
import { Dispatcher } from "@/lib/sandbox/dispatcher";
import { FaultInjector, type FaultConfig } from "@/lib/sandbox/faults";
import { Timing, type LatencyProfile } from "@/lib/sandbox/latency";
import { Prng } from "@/lib/sandbox/prng";
import { requireQuotaValue, type QuotaName } from "@/lib/sandbox/quotas";
import type { WireRequest, WireResponse } from "@/lib/sandbox/protocols/wire";
import { RequestLimiter } from "@/lib/sandbox/request-limits";
import { SandboxRequestHandler } from "@/lib/sandbox/request-handler";
import { SandboxError } from "@/lib/sandbox/sandbox-error";
import { acmService } from "@/lib/sandbox/services/acm/acm-service";
import {
  connectDevice,
  disconnectDevice,
  evaluateReach,
  liveEndpoint,
  type DeviceConnectRequest,
  type ReachabilityVerdict,
} from "@/lib/sandbox/services/ec2/client-vpn-devices";
import { ec2Service } from "@/lib/sandbox/services/ec2/ec2-service";
import { endpointNotFound } from "@/lib/sandbox/services/ec2/client-vpn-records";
import { setTunnelStatus } from "@/lib/sandbox/services/ec2/vpn-connection-actions";
import { elbv2Service } from "@/lib/sandbox/services/elbv2/elbv2-service";
import { logsService } from "@/lib/sandbox/services/logs/logs-service";
import { route53ResolverService } from "@/lib/sandbox/services/route53resolver/resolver-service";
import { registerService } from "@/lib/sandbox/services/service";
import { loadState, saveState } from "@/lib/sandbox/state/persistence";
import { regionState, type CloudState } from "@/lib/sandbox/state/schema";

export type { LatencyProfile } from "@/lib/sandbox/latency";
export type { FaultConfig } from "@/lib/sandbox/faults";
export type { CallRecord } from "@/lib/sandbox/call-log";
export type { QuotaName } from "@/lib/sandbox/quotas";
export type { DeviceConnectRequest, ReachabilityVerdict } from "@/lib/sandbox/services/ec2/client-vpn-devices";

export interface SandboxOptions {
  /** JSON persistence path; null keeps state in memory only. */
  stateFile: string | null;
  /** instant: transitions complete at once and calls have no latency (tests). */
  profile: LatencyProfile;
  /** realistic only: multiplies AWS's observed durations (default 0.1). */
  timeScale?: number;
  /** Seeds ids and faults, for deterministic tests. */
  seed?: number;
  /**
   * Enforce AWS's per-account, per-region request buckets (EC2's table in AWS-FACTS.md, Route 53
   * Resolver's 5 requests/s). Off by default so ordinary tests never see throttling.
   */
  enforceRequestLimits?: boolean | RequestLimitsConfig;
}

export interface RequestLimitsConfig {
  /**
   * The buckets refill in real time by default. A bench that runs AWS's waits time-scaled can run
   * the refill on the same clock (its timeScale: 0.01 refills 100 times faster), so that bulk work
   * meets the buckets as it would at AWS speed. Bursts are token counts and stay as they are.
   */
  timeScale?: number;
}

export type TunnelStatus = "UP" | "DOWN";

export interface SandboxCloud {
  readonly providerAccountId: string;
  credentialsFor(accountId: string): AccountCredentials;
  requestHandler(): HttpHandler;
  handleHttp(req: WireRequest): Promise<WireResponse>;
  setFaults(f: FaultConfig): void;
  clearFaults(): void;
  /**
   * realistic only: AWS's durations at this fraction from now on (transitions under way keep their
   * times), so one harness can run parts at different paces.
   */
  setTimeScale(timeScale: number): void;
  /** Starts (or, with null, stops) enforcing AWS's request buckets, as `enforceRequestLimits` does at creation. */
  setRequestLimits(config: RequestLimitsConfig | null): void;
  /**
   * What a granted Service Quotas increase does: sets one of the account's quotas in a region
   * (lib/sandbox/quotas.ts names them). Kept with the cloud's state. Throws a SandboxError for an
   * unknown quota, region or value.
   */
  setQuota(accountId: string, region: string, quota: QuotaName, value: number): void;
  calls(): ReadonlyArray<CallRecord>;
  /**
   * "Simulate your side": the customer's device brings both tunnels of a VPN connection up (only
   * once the connection is available) or takes them down. Throws a SandboxError otherwise.
   */
  setVpnTunnelStatus(vpnConnectionId: string, status: TunnelStatus): void;
  /**
   * "Simulate your side" for Client VPN: a device connects to an available endpoint with its client
   * certificate and gets a connection id. Throws a SandboxError when the endpoint is not available
   * (IncorrectState) or the handshake would fail: ClientCertificate.Untrusted (not issued by the
   * client CA), .Revoked (in the imported revocation list), .Expired, .NotYetValid, .UnsupportedKey,
   * .MissingCommonName.
   */
  connectClientVpnDevice(endpointId: string, request: DeviceConnectRequest): string;
  /** The device's client disconnects its session. */
  disconnectClientVpnDevice(connectionId: string): void;
  /**
   * Whether the connected device may reach `destinationIp` under the endpoint's routes and
   * authorization rules (client-to-client needs a rule covering the client CIDR).
   */
  canReach(endpointId: string, connectionId: string, destinationIp: string): ReachabilityVerdict;
  flush(): Promise<void>;
  close(): Promise<void>;
}

const SAVE_DEBOUNCE_MS = 200;

function requestLimiter(config: RequestLimitsConfig): RequestLimiter {
  const scale = config.timeScale ?? 1;
  if (!(scale > 0)) throw new Error("The request limits' timeScale must be positive.");
  return new RequestLimiter(() => performance.now() / scale);
}

export function createSandboxCloud(options: SandboxOptions): SandboxCloud {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const timing = new Timing(options.profile, options.profile === "instant" ? 0 : (options.timeScale ?? 0.1));
  const loaded = options.stateFile ? loadState(options.stateFile) : null;
  const state: CloudState = loaded ?? { version: 1, rngState: seed, regions: {} };
  const prng = new Prng(state.rngState);
  const faults = new FaultInjector(new Prng(seed ^ 0x5bd1e995));
  const callLog = new CallLog();
  const limits = options.enforceRequestLimits;
  let limiter = limits ? requestLimiter(limits === true ? {} : limits) : null;

  let dirty = false;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;

  const writeNow = (): Promise<void> => {
    const file = options.stateFile;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!file || !dirty) return writing;
    dirty = false;
    state.rngState = prng.current;
    const snapshot = structuredClone(state);
    // Writes are chained so an older snapshot never lands after a newer one.
    writing = writing.then(() => saveState(file, snapshot));
    return writing;
  };

  const markDirty = () => {
    dirty = true;
    if (!options.stateFile || timer || closed) return;
    timer = setTimeout(() => {
      timer = null;
      writeNow().catch((error: unknown) => console.error("sandbox: saving state failed", error));
    }, SAVE_DEBOUNCE_MS);
  };

  const dispatcher = new Dispatcher({
    services: [
      registerService(ec2Service),
      registerService(elbv2Service),
      registerService(route53ResolverService),
      registerService(acmService),
      registerService(logsService),
    ],
    state: () => state,
    prng,
    latencyPrng: new Prng(seed ^ 0x27d4eb2f),
    timing,
    faults,
    callLog,
    limiter: () => limiter,
    onMutation: markDirty,
  });

  if (!loaded) {
    bootstrapProvider((region) =>
      dispatcher.baseContext(PROVIDER_ACCOUNT_ID, region, "Bootstrap"),
    );
    markDirty();
  }

  /** Sandbox-side Client VPN calls act as the endpoint's owner, in the endpoint's region. */
  const clientVpnContext = (endpointId: string, action: string) => {
    if (closed) throw new Error("The sandbox cloud is closed.");
    const region = Object.keys(state.regions).find((name) => state.regions[name]?.clientVpnEndpoints[endpointId]);
    const endpoint = region ? state.regions[region]?.clientVpnEndpoints[endpointId] : undefined;
    if (!region || !endpoint) throw endpointNotFound(endpointId);
    return dispatcher.baseContext(endpoint.ownerId, region, action);
  };

  const endpointOfConnection = (connectionId: string): string => {
    for (const region of Object.values(state.regions)) {
      for (const endpoint of Object.values(region.clientVpnEndpoints)) {
        if (endpoint.connections.some((connection) => connection.id === connectionId)) return endpoint.id;
      }
    }
    throw new SandboxError("InvalidClientVpnConnection.IdNotFound", `The connection ID '${connectionId}' does not exist`);
  };

  const handleHttp = (req: WireRequest): Promise<WireResponse> => {
    if (closed) return Promise.reject(new Error("The sandbox cloud is closed."));
    return dispatcher.handle(req);
  };

  return {
    providerAccountId: PROVIDER_ACCOUNT_ID,
    credentialsFor: deriveCredentials,
    requestHandler: () => new SandboxRequestHandler(handleHttp),
    handleHttp,
    setFaults: (config) => faults.set(config),
    clearFaults: () => faults.clear(),
    setTimeScale: (timeScale) => timing.rescale(timeScale),
    setRequestLimits(config) {
      limiter = config ? requestLimiter(config) : null;
    },
    setQuota(accountId, region, quota, value) {
      if (closed) throw new Error("The sandbox cloud is closed.");
      if (!isAccountId(accountId)) throw new SandboxError("InvalidParameterValue", "An account id has exactly 12 digits.");
      if (!isSupportedRegion(region)) throw new SandboxError("InvalidParameterValue", `The sandbox does not emulate the region ${region}.`);
      const checked = requireQuotaValue(quota, value);
      const quotas = regionState(state, region).quotas;
      quotas[accountId] = { ...quotas[accountId], [quota]: checked };
      markDirty();
    },
    calls: () => callLog.list(),
    setVpnTunnelStatus(vpnConnectionId, status) {
      if (closed) throw new Error("The sandbox cloud is closed.");
      const region = Object.keys(state.regions).find((name) => state.regions[name]?.vpnConnections[vpnConnectionId]);
      if (!region) throw new SandboxError("InvalidVpnConnectionID.NotFound", `The vpnConnection ID '${vpnConnectionId}' does not exist`);
      const owner = state.regions[region]?.vpnConnections[vpnConnectionId]?.ownerId ?? PROVIDER_ACCOUNT_ID;
      setTunnelStatus(dispatcher.baseContext(owner, region, "SimulateCustomerDevice"), vpnConnectionId, status);
      markDirty();
    },
    connectClientVpnDevice(endpointId, request) {
      const context = clientVpnContext(endpointId, "SimulateClientVpnDevice");
      try {
        return connectDevice(context, endpointId, request).id;
      } finally {
        // A refused attempt changes state too: it is written to the connection log.
        markDirty();
      }
    },
    disconnectClientVpnDevice(connectionId) {
      const found = endpointOfConnection(connectionId);
      const context = clientVpnContext(found, "SimulateClientVpnDevice");
      disconnectDevice(context, liveEndpoint(context, found), connectionId);
      markDirty();
    },
    canReach(endpointId, connectionId, destinationIp) {
      const context = clientVpnContext(endpointId, "SimulateClientVpnDevice");
      return evaluateReach(context, liveEndpoint(context, endpointId), connectionId, destinationIp);
    },
    flush: writeNow,
    async close() {
      await writeNow();
      closed = true;
    },
  };
}
