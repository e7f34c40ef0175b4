import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { clientIpFrom } from "./client-ip";
import { acceptPendingInvitationForSso } from "@/lib/dal/invitations";
import { authSecret } from "./secret";
import { findUserByEmail } from "./users";
import { verifyCredentials } from "./verify-credentials";

export { TooManyAttempts } from "./verify-credentials";

const providers: Provider[] = [
  Credentials({
    id: "password",
    credentials: { email: {}, password: {} },
    authorize: (raw, request) => verifyCredentials(getDb(), raw, clientIpFrom(request.headers)),
  }),
];

if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET) {
  providers.push({
    id: "oidc",
    name: env.AUTH_OIDC_NAME,
    type: "oidc",
    issuer: env.AUTH_OIDC_ISSUER,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
  });
}

export const oidcEnabled = providers.some((p) => typeof p !== "function" && p.id === "oidc");

export const { handlers, auth, signIn, signOut } = NextAuth({
  providers,
  secret: authSecret(),
  trustHost: true,
  logger: {
    // A wrong password is an expected outcome (rate limited and counted), not a server error.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  callbacks: {
    /**
     * SSO users must already exist (or hold a pending invitation): single sign-on proves who someone
     * is, not that they belong to a tenant.
     */
    async signIn({ user, account }) {
      if (account?.provider !== "oidc") return true;
      if (!user.email) return false;
      const db = getDb();
      const existing = await findUserByEmail(db, user.email);
      const resolved = existing ?? (await acceptPendingInvitationForSso(db, user.email, user.name ?? user.email));
      return resolved?.active ?? false;
    },
    async jwt({ token, user, account }) {
      if (account?.provider === "oidc" && user?.email) {
        // The OIDC subject is not our user id; the e-mail address ties the two together.
        const found = await findUserByEmail(getDb(), user.email);
        if (found) token.uid = found.id;
      } else if (user?.id) {
        token.uid = user.id;
      }
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
});
