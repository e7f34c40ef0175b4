import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { auth } from "./auth";
import { clientIpFrom } from "./client-ip";
import type { Role } from "./permissions";
import { findActiveUser } from "./users";

/** Who is making this request, as the database knows them now. */
export interface Caller {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Null for provider staff, who work across tenants. */
  tenantId: string | null;
  ip: string | null;
}

/** Resolved once per request (React cache), from the session and the users table. */
export const getCaller = cache(async (): Promise<Caller | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findActiveUser(getDb(), id);
  if (!user) return null;
  return { userId: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId, ip: clientIpFrom(await headers()) };
});
