import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { accountForAccessKey, credentialsFor } from "@/lib/sandbox/accounts/credentials";
import type { WireRequest } from "@/lib/sandbox/protocols/wire";

type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBuffer(data: SourceData): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

/** SHA-256 / HMAC-SHA-256 over node:crypto, in the shape @smithy/signature-v4 expects. */
export class NodeSha256 {
  private chunks: Buffer[] = [];

  constructor(private readonly secret?: SourceData) {}

  update(data: Uint8Array): void {
    this.chunks.push(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    const hash = this.secret === undefined ? createHash("sha256") : createHmac("sha256", toBuffer(this.secret));
    for (const chunk of this.chunks) hash.update(chunk);
    return new Uint8Array(hash.digest());
  }

  reset(): void {
    this.chunks = [];
  }
}

export type AuthOutcome =
  | { ok: true; accountId: string; region: string; service: string }
  | { ok: false; reason: "missing" | "malformed" | "unknown-key" | "bad-signature"; region?: string; service?: string };

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;

function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function parseAmzDate(value: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/**
 * Checks a SigV4-signed request against the secret the sandbox derives for the key's account. The
 * request time is not checked against the clock: long test runs replay nothing, and AWS's 15-minute
 * window would only make slow suites flaky.
 */
export async function verifySigV4(request: WireRequest): Promise<AuthOutcome> {
  const authorization = header(request.headers, "authorization");
  if (!authorization) return { ok: false, reason: "missing" };
  const match = AUTH_PATTERN.exec(authorization.trim());
  if (!match) return { ok: false, reason: "malformed" };
  const [, accessKeyId, , region, service, signedHeaderList, signature] = match;
  const accountId = accountForAccessKey(accessKeyId);
  if (!accountId) return { ok: false, reason: "unknown-key", region, service };

  const amzDate = header(request.headers, "x-amz-date");
  const signingDate = amzDate ? parseAmzDate(amzDate) : null;
  if (!signingDate) return { ok: false, reason: "malformed", region, service };

  const contentHash = header(request.headers, "x-amz-content-sha256");
  if (contentHash !== undefined && contentHash !== createHash("sha256").update(request.body).digest("hex")) {
    return { ok: false, reason: "bad-signature", region, service };
  }

  const signedNames = signedHeaderList.split(";");
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    const value = header(request.headers, name);
    if (value === undefined) return { ok: false, reason: "bad-signature", region, service };
    headers[name] = value;
  }
  const host = headers.host ?? "localhost";
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(request.query)) {
    const existing = query[key];
    query[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  const toSign = new HttpRequest({
    method: request.method,
    hostname: host.replace(/:\d+$/, ""),
    path: request.path,
    query,
    headers,
    body: request.body,
  });
  const signer = new SignatureV4({
    credentials: credentialsFor(accountId),
    region,
    service,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(toSign, { signingDate, signableHeaders: new Set(signedNames) });
  const expected = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization ?? "")?.[1] ?? "";
  const good =
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (!good) return { ok: false, reason: "bad-signature", region, service };
  return { ok: true, accountId, region, service };
}
