import { getDb } from "@/db/client";
import { guardedRoute } from "@/lib/auth/guard";
import { connectionStatusView } from "@/lib/dal/connections";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/search-params";

/** Live state of one connection for the page's polling; another tenant's connection is a 404. */
export const GET = guardedRoute<{ id: string }>({ permission: "connection.read" }, async (_request, caller, params) => {
  if (!isUuid(params.id)) throw new AppError("not_found", "This connection does not exist.");
  const view = await connectionStatusView(getDb(), caller, params.id);
  return Response.json(view, { headers: { "Cache-Control": "no-store" } });
});
