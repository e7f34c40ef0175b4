import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { isAccountId } from "@/lib/sandbox/accounts/credentials";
import type { SandboxCloud } from "@/lib/sandbox/cloud";
import { isQuotaName } from "@/lib/sandbox/quotas";
import { SandboxError } from "@/lib/sandbox/sandbox-error";

export interface SandboxServerOptions {
  port: number;
  host?: string;
}

export interface SandboxServer {
  url: string;
  close(): Promise<void>;
}

const faultConfigSchema = z
  .object({
    throttleRate: z.number().min(0).max(1).optional(),
    internalErrorRate: z.number().min(0).max(1).optional(),
    notFoundAfterCreateMs: z.number().min(0).optional(),
    actions: z.array(z.string()).optional(),
  })
  .strict();

const tunnelStatusSchema = z.object({ status: z.enum(["UP", "DOWN"]) }).strict();

const deviceConnectSchema = z.object({ certificatePem: z.string().min(1), clientIp: z.string().optional(), deviceIp: z.string().optional() }).strict();
const reachSchema = z.object({ connectionId: z.string().min(1), destinationIp: z.string().min(1) }).strict();
const quotasSchema = z.record(z.string().refine(isQuotaName, "unknown quota"), z.number().int().min(0));

/** How a sandbox refusal maps to HTTP: unknown ids 404, wrong state 409, a refused handshake 403. */
function sandboxErrorStatus(error: SandboxError): number {
  if (error.code.endsWith(".NotFound") || error.code.endsWith(".IdNotFound")) return 404;
  if (error.code === "IncorrectState") return 409;
  if (error.code.startsWith("ClientCertificate.")) return 403;
  return 400;
}

/** Runs a simulated-device action, answering its SandboxError as JSON. */
function answerSandbox(response: ServerResponse, run: () => unknown): void {
  let payload: unknown;
  try {
    payload = run();
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error;
    sendJson(response, sandboxErrorStatus(error), { error: error.message, code: error.code });
    return;
  }
  sendJson(response, 200, payload);
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("Request body too large."));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A body that is not JSON is as invalid as one of the wrong shape: both fail the schema. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(payload));
}

/** Test-side controls, reachable only on the sandbox's own port: what AWS-mode tests need. */
async function handleAdmin(cloud: SandboxCloud, method: string, path: string, body: string, response: ServerResponse) {
  if (method === "GET" && path === "/_sandbox/health") {
    sendJson(response, 200, { ok: true, providerAccountId: cloud.providerAccountId });
    return;
  }
  const credentials = /^\/_sandbox\/accounts\/([^/]+)\/credentials$/.exec(path);
  if (method === "GET" && credentials) {
    const accountId = credentials[1];
    if (!isAccountId(accountId)) {
      sendJson(response, 400, { error: "An account id has exactly 12 digits." });
      return;
    }
    sendJson(response, 200, { accountId, ...cloud.credentialsFor(accountId) });
    return;
  }
  const quotas = /^\/_sandbox\/accounts\/([^/]+)\/quotas\/([a-z0-9-]+)$/.exec(path);
  if (method === "PUT" && quotas) {
    const parsed = quotasSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      sendJson(response, 400, { error: 'The body must map quota names to values, e.g. {"vpcs": 250}.', issues: parsed.error.issues });
      return;
    }
    const [, accountId = "", region = ""] = quotas;
    answerSandbox(response, () => {
      for (const [name, value] of Object.entries(parsed.data)) if (isQuotaName(name)) cloud.setQuota(accountId, region, name, value);
      return { ok: true, accountId, region, quotas: parsed.data };
    });
    return;
  }
  if (path === "/_sandbox/faults" && method === "PUT") {
    const parsed = faultConfigSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      sendJson(response, 400, { error: "Invalid fault configuration.", issues: parsed.error.issues });
      return;
    }
    cloud.setFaults(parsed.data);
    sendJson(response, 200, { ok: true });
    return;
  }
  if (path === "/_sandbox/faults" && method === "DELETE") {
    cloud.clearFaults();
    sendJson(response, 200, { ok: true });
    return;
  }
  const tunnels = /^\/_sandbox\/vpn-connections\/(vpn-[0-9a-f]+)\/tunnels$/.exec(path);
  if (method === "POST" && tunnels) {
    const parsed = tunnelStatusSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      sendJson(response, 400, { error: 'The body must be {"status": "UP" | "DOWN"}.' });
      return;
    }
    try {
      cloud.setVpnTunnelStatus(tunnels[1], parsed.data.status);
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error;
      sendJson(response, error.code.endsWith(".NotFound") ? 404 : 409, { error: error.message, code: error.code });
      return;
    }
    sendJson(response, 200, { ok: true, vpnConnectionId: tunnels[1], status: parsed.data.status });
    return;
  }
  const connect = /^\/_sandbox\/client-vpn\/(cvpn-endpoint-[0-9a-f]+)\/connect$/.exec(path);
  if (method === "POST" && connect) {
    const parsed = deviceConnectSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      sendJson(response, 400, { error: 'The body must be {"certificatePem": "<PEM>", "clientIp"?: "<address in the client CIDR>", "deviceIp"?: "<the device\'s public address>"}.' });
      return;
    }
    answerSandbox(response, () => ({ connectionId: cloud.connectClientVpnDevice(connect[1], parsed.data) }));
    return;
  }
  const disconnect = /^\/_sandbox\/client-vpn\/connections\/(cvpn-connection-[0-9a-f]+)\/disconnect$/.exec(path);
  if (method === "POST" && disconnect) {
    answerSandbox(response, () => {
      cloud.disconnectClientVpnDevice(disconnect[1]);
      return { ok: true, connectionId: disconnect[1] };
    });
    return;
  }
  const reach = /^\/_sandbox\/client-vpn\/(cvpn-endpoint-[0-9a-f]+)\/reach$/.exec(path);
  if (method === "POST" && reach) {
    const parsed = reachSchema.safeParse(parseJson(body));
    if (!parsed.success) {
      sendJson(response, 400, { error: 'The body must be {"connectionId": "...", "destinationIp": "..."}.' });
      return;
    }
    answerSandbox(response, () => cloud.canReach(reach[1], parsed.data.connectionId, parsed.data.destinationIp));
    return;
  }
  if (method === "GET" && path === "/_sandbox/calls") {
    sendJson(response, 200, { calls: cloud.calls() });
    return;
  }
  sendJson(response, 404, { error: "Unknown sandbox admin route." });
}

/** Serves the sandbox over HTTP so AWS_ENDPOINT_URL (CLI, other processes, e2e) can reach it. */
export function startSandboxServer(cloud: SandboxCloud, options: SandboxServerOptions): Promise<SandboxServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://sandbox.invalid");
    const method = request.method ?? "GET";
    readBody(request)
      .then(async (body) => {
        if (url.pathname.startsWith("/_sandbox/")) {
          await handleAdmin(cloud, method, url.pathname, body, response);
          return;
        }
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(request.headers)) {
          if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(",") : value;
        }
        const answer = await cloud.handleHttp({
          method,
          path: url.pathname,
          query: url.search.startsWith("?") ? url.search.slice(1) : url.search,
          headers,
          body,
        });
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      })
      .catch((error: unknown) => {
        console.error("sandbox: request failed", error);
        if (!response.headersSent) sendJson(response, 500, { error: "The sandbox failed to handle the request." });
        else response.end();
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => {
      const address: AddressInfo | string | null = server.address();
      const port = typeof address === "object" && address ? address.port : options.port;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
