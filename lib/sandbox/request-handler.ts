import { HttpResponse, type HttpHandler, type HttpRequest } from "@smithy/protocol-http";
import type { WireRequest, WireResponse } from "@/lib/sandbox/protocols/wire";

function queryString(query: HttpRequest["query"]): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
  }
  return search.toString();
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return "";
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  throw new Error("The sandbox cloud accepts only string or byte request bodies.");
}

/**
 * An SDK v3 HttpHandler that answers in process: the SDK serializes and signs as for real AWS, and
 * the request goes straight to the sandbox instead of a socket.
 */
export class SandboxRequestHandler implements HttpHandler {
  constructor(private readonly dispatch: (request: WireRequest) => Promise<WireResponse>) {}

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const headers: Record<string, string> = { ...request.headers };
    const hasHost = Object.keys(headers).some((key) => key.toLowerCase() === "host");
    if (!hasHost) headers.host = request.port ? `${request.hostname}:${request.port}` : request.hostname;
    const answer = await this.dispatch({
      method: request.method,
      path: request.path,
      query: queryString(request.query),
      headers,
      body: bodyText(request.body),
    });
    return {
      response: new HttpResponse({
        statusCode: answer.status,
        headers: answer.headers,
        body: Buffer.from(answer.body, "utf8"),
      }),
    };
  }

  updateHttpClientConfig(): void {
    // Nothing to configure: there is no connection pool or timeout without a socket.
  }

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}
