import type { QueryParams } from "@/lib/sandbox/protocols/query-params";
import { SandboxError, invalidParameterValue } from "@/lib/sandbox/sandbox-error";

export interface PageLimits {
  min: number;
  max: number;
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), "utf8").toString("base64url");
}

function decodeToken(token: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (typeof parsed === "object" && parsed !== null && "offset" in parsed) {
      const offset = parsed.offset;
      if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
    }
  } catch {
    // fall through: any undecodable token is answered like AWS answers a forged one
  }
  throw new SandboxError("InvalidPaginationToken", `Invalid pagination token: ${token}`);
}

/**
 * MaxResults/NextToken over a stable ordering. Without MaxResults AWS returns everything (up to the
 * action's maximum page); out-of-range values are rejected as AWS does.
 */
export function paginate<T>(items: readonly T[], params: QueryParams, limits: PageLimits) {
  const maxResults = params.integer("MaxResults");
  if (maxResults !== undefined && (maxResults < limits.min || maxResults > limits.max)) {
    throw invalidParameterValue(
      `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value between ${limits.min} and ${limits.max}.`,
    );
  }
  const token = params.string("NextToken");
  const offset = token ? decodeToken(token) : 0;
  const size = maxResults ?? limits.max;
  const page = items.slice(offset, offset + size);
  const nextToken = offset + size < items.length ? encodeToken(offset + size) : undefined;
  return { page, nextToken };
}
