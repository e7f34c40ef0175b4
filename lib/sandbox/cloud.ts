import type { HttpHandler } from "@smithy/protocol-http";
import { credentialsFor as deriveCredentials, type AccountCredentials } from "@/lib/sandbox/accounts/credentials";
import { PROVIDER_ACCOUNT_ID, bootstrapProvider } from "@/lib/sandbox/bootstrap";
import { CallLog, type CallRecord } from "@/lib/sandbox/call-log";
import { Dispatcher } from "@/lib/sandbox/dispatcher";
import { FaultInjector, type FaultConfig } from "@/lib/sandbox/faults";
import { Timing, type LatencyProfile } from "@/lib/sandbox/latency";
import { Prng } from "@/lib/sandbox/prng";
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
import { route53ResolverService } from "@/lib/sandbox/services/route53resolver/resolver-service";
import { registerService } from "@/lib/sandbox/services/service";
import { loadState, saveState } from "@/lib/sandbox/state/persistence";
import type { CloudState } from "@/lib/sandbox/state/schema";

export type { LatencyProfile } from "@/lib/sandbox/latency";
export type { FaultConfig } from "@/lib/sandbox/faults";
export type { CallRecord } from "@/lib/sandbox/call-log";
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
  enforceRequestLimits?: boolean;
}

export type TunnelStatus = "UP" | "DOWN";

export interface SandboxCloud {
  readonly providerAccountId: string;
  credentialsFor(accountId: string): AccountCredentials;
  requestHandler(): HttpHandler;
  handleHttp(req: WireRequest): Promise<WireResponse>;
  setFaults(f: FaultConfig): void;
  clearFaults(): void;
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

export function createSandboxCloud(options: SandboxOptions): SandboxCloud {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const timing = new Timing(options.profile, options.profile === "instant" ? 0 : (options.timeScale ?? 0.1));
  const loaded = options.stateFile ? loadState(options.stateFile) : null;
  const state: CloudState = loaded ?? { version: 1, rngState: seed, regions: {} };
  const prng = new Prng(state.rngState);
  const faults = new FaultInjector(new Prng(seed ^ 0x5bd1e995));
  const callLog = new CallLog();

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
    ],
    state: () => state,
    prng,
    latencyPrng: new Prng(seed ^ 0x27d4eb2f),
    timing,
    faults,
    callLog,
    limiter: options.enforceRequestLimits ? new RequestLimiter() : null,
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
      const connection = connectDevice(context, endpointId, request);
      markDirty();
      return connection.id;
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
