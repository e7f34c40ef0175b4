import { getDb } from "@/db/client";
import { guardedRoute } from "@/lib/auth/guard";
import { siteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/search-params";

/** A Site-to-Site connection's provisioning steps, tunnels and outputs; another tenant's connection is a 404. */
export const GET = guardedRoute<{ id: string }>({ permission: "connection.read" }, async (_request, caller, params) => {
  if (!isUuid(params.id)) throw new AppError("not_found", "This connection does not exist.");
  const view = await siteToSiteStatusView(getDb(), caller, params.id);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
