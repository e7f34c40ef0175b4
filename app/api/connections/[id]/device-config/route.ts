import { getDb } from "@/db/client";
import { guardedRoute } from "@/lib/auth/guard";
import { downloadDeviceConfiguration } from "@/lib/connectivity/site-to-site/device-config";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/search-params";

/**
 * A Site-to-Site connection's device configuration as a file. `?keys=include` adds the pre-shared
 * keys: connection.secrets only, and audited; without it the keys are replaced by placeholders.
 */
export const GET = guardedRoute<{ id: string }>({ permission: "connection.read" }, async (request, caller, params) => {
  if (!isUuid(params.id)) throw new AppError("not_found", "This connection does not exist.");
  const keys = new URL(request.url).searchParams.get("keys");
  if (keys !== null && keys !== "include" && keys !== "hide") throw new AppError("invalid_input", "keys must be include or hide.");
  const file = await downloadDeviceConfiguration(getDb(), caller, params.id, { includeKeys: keys === "include" });
  return new Response(file.content, {
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      // The file can hold secrets: no cache, shared or private, may keep it.
      "Cache-Control": "no-store",
    },
  });
});
