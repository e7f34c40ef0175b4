import type { QueryParams } from "@/lib/sandbox/protocols/query-params";
import { parseQueryRequest } from "@/lib/sandbox/protocols/query-request";
import type { ActionResult, WireResponse } from "@/lib/sandbox/protocols/wire";
import { escapeXml, renderChildren } from "@/lib/sandbox/protocols/xml-writer";
import type { Protocol } from "@/lib/sandbox/services/service";

const EC2_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

/** EC2's flavour of the query protocol: unwrapped result, `<item>` lists, `<Response><Errors>`. */
export const ec2QueryCodec: Protocol<QueryParams> = {
  parse: parseQueryRequest,
  success(action: string, requestId: string, result: ActionResult): WireResponse {
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NAMESPACE}">` +
      `<requestId>${requestId}</requestId>${renderChildren(result, "item")}</${action}Response>`;
    return { status: 200, headers: { "content-type": "text/xml;charset=UTF-8" }, body };
  },
  error(status: number, code: string, message: string, requestId: string): WireResponse {
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
    return { status, headers: { "content-type": "text/xml;charset=UTF-8" }, body };
  },
};
