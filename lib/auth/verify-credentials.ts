import { eq } from "drizzle-orm";
import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { burnDecoyVerification, verifyPassword } from "./password";
import { isSignInBlocked, recordSignInAttempt } from "./rate-limit";
import { findUserByEmail, normalizeEmail } from "./users";

/** Thrown from sign-in when the e-mail address or source address has failed too often. */
export class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
}

const credentialsSchema = z.object({
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(1024),
});

/**
 * The password check behind the Credentials provider: rate limit, constant-time-ish verification,
 * attempt bookkeeping, audit. Returns the user to sign in, or null for wrong credentials.
 */
export async function verifyCredentials(
  db: Db,
  raw: unknown,
  ip: string | null,
): Promise<{ id: string; email: string; name: string } | null> {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const email = normalizeEmail(parsed.data.email);
  if (await isSignInBlocked(db, email, ip)) throw new TooManyAttempts();

  const user = await findUserByEmail(db, email);
  const valid = user?.passwordHash
    ? await verifyPassword(user.passwordHash, parsed.data.password)
    : (await burnDecoyVerification(parsed.data.password), false);
  await recordSignInAttempt(db, email, ip, valid && !!user?.active);
  if (!user || !valid || !user.active) return null;

  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  await recordAudit(
    db,
    { userId: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId, ip },
    { action: "auth.sign_in", tenantId: user.tenantId, targetType: "user", targetId: user.id },
  );
  return { id: user.id, email: user.email, name: user.name };
}
