import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { ClientVpnConnection } from "@/components/client-vpn/client-vpn-connection";
import { PrivateLinkConnection } from "@/components/privatelink/privatelink-connection";
import { SiteToSiteConnection } from "@/components/site-to-site/site-to-site-connection";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { clientVpnStatusView } from "@/lib/connectivity/client-vpn/status-view";
import { siteToSiteStatusView } from "@/lib/connectivity/site-to-site/status-view";
import { findConnectionKind } from "@/lib/dal/connection-type";
import { connectionStatusView, findConnection } from "@/lib/dal/connections";
import { findSiteToSiteConnection } from "@/lib/dal/site-to-site-connections";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/search-params";

export const metadata: Metadata = { title: "Connection" };

/** Another tenant's connection, or one removed from under the page, is a 404 like a missing one. */
async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await signedInCaller(`/connections/${id}`);
  if (!can(caller.role, "connection.read")) forbidden();
  if (!isUuid(id)) notFound();
  const db = getDb();
  const kind = await orNotFound(findConnectionKind(db, caller, id));

  if (kind.type === "client_vpn") {
    const view = await orNotFound(clientVpnStatusView(db, caller, id));
    return <ClientVpnConnection view={view} role={caller.role} tenantId={kind.tenantId} tenantName={kind.tenantName} />;
  }
  if (kind.type === "site_to_site") {
    const [connection, view] = await orNotFound(Promise.all([findSiteToSiteConnection(db, caller, id), siteToSiteStatusView(db, caller, id)]));
    return <SiteToSiteConnection connection={connection} view={view} role={caller.role} tenantName={kind.tenantName} />;
  }
  const [connection, status] = await orNotFound(Promise.all([findConnection(db, caller, id), connectionStatusView(db, caller, id)]));
  return <PrivateLinkConnection connection={connection} status={status} role={caller.role} />;
}
