import type { QueryParams } from "@/lib/sandbox/protocols/query-params";
import { parseQueryRequest } from "@/lib/sandbox/protocols/query-request";
import type { ActionResult, WireResponse } from "@/lib/sandbox/protocols/wire";
import { escapeXml, renderChildren } from "@/lib/sandbox/protocols/xml-writer";
import type { Protocol } from "@/lib/sandbox/services/service";

/** The awsQuery protocol (ELBv2, IAM, STS...): `<XResponse><XResult>`, `<member>` lists. */
export function awsQueryCodec(namespace: string): Protocol<QueryParams> {
  return {
    parse: parseQueryRequest,
    success(action: string, requestId: string, result: ActionResult): WireResponse {
      const body =
        `<${action}Response xmlns="${namespace}"><${action}Result>${renderChildren(result, "member")}` +
        `</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
      return { status: 200, headers: { "content-type": "text/xml" }, body };
    },
    error(status: number, code: string, message: string, requestId: string): WireResponse {
      const type = status >= 500 ? "Receiver" : "Sender";
      const body =
        `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
        `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
      return { status, headers: { "content-type": "text/xml" }, body };
    },
  };
}
