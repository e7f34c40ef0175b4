import { getDb } from "@/db/client";
import { guardedRoute } from "@/lib/auth/guard";
import { clientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/search-params";

/** A Client VPN connection's live view: provisioning, endpoint, products, devices and sessions; another tenant's is a 404. */
export const GET = guardedRoute<{ id: string }>({ permission: "connection.read" }, async (_request, caller, params) => {
  if (!isUuid(params.id)) throw new AppError("not_found", "This connection does not exist.");
  const view = await clientVpnStatusView(getDb(), caller, params.id);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
