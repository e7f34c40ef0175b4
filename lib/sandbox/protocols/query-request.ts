import { QueryParams } from "@/lib/sandbox/protocols/query-params";
import type { ParsedRequest } from "@/lib/sandbox/services/service";
import type { WireRequest } from "@/lib/sandbox/protocols/wire";

/** Query protocols carry parameters in the form body of a POST, or the query string of a GET. */
export function queryParamsOf(request: WireRequest): QueryParams {
  return QueryParams.parse(request.method.toUpperCase() === "GET" ? request.query : request.body);
}

export function parseQueryRequest(request: WireRequest): ParsedRequest<QueryParams> {
  const params = queryParamsOf(request);
  return { action: params.string("Action") ?? "", params, dryRun: params.boolean("DryRun") === true };
}

/** Query services tell themselves apart by their `Version=` parameter. */
export function hasQueryVersion(request: WireRequest, version: string): boolean {
  return queryParamsOf(request).string("Version") === version;
}
