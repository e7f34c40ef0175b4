import { getDb } from "@/db/client";
import { guardedRoute } from "@/lib/auth/guard";
import { UNKNOWN_DOWNLOAD_LINK, downloadDeviceConfiguration } from "@/lib/connectivity/client-vpn/devices/download";
import { AppError } from "@/lib/errors";

/**
 * A device's .ovpn, once: the link's token together with a signed-in member of the device's
 * tenant. A used, expired or revoked link is a 410 with the reason as plain text (a browser shows
 * it where the file would have been); a link that never existed, or another tenant's, is a 404.
 */
export const GET = guardedRoute<{ token: string }>({ permission: "connection.read" }, async (_request, caller, params) => {
  try {
    const file = await downloadDeviceConfiguration(getDb(), caller, params.token);
    return new Response(file.contents, {
      headers: {
        "Content-Type": "application/x-openvpn-profile",
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        // The file holds the device's private key: nothing may keep a copy.
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "not_found") throw error;
    const gone = error.message !== UNKNOWN_DOWNLOAD_LINK;
    return new Response(error.message, {
      status: gone ? 410 : 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
});
