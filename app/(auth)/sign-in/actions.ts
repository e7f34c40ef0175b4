"use server";

import { CredentialsSignin } from "next-auth";
import { z } from "zod";
import { oidcEnabled, signIn } from "@/lib/auth/auth";
import { publicAction } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { safeCallbackPath } from "./callback-path";

const callbackUrl = z.string().max(2048).optional();

/**
 * Signs in with e-mail and password. On success next-auth throws a redirect, which the guard passes
 * through; its sign-in errors become messages that do not reveal which part was wrong.
 */
export const signInWithPassword = publicAction(
  {
    input: z.object({
      email: z.string().trim().min(1, "Enter your e-mail address.").max(254, "Use at most 254 characters.").pipe(z.email("Enter a valid e-mail address.")),
      password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
      callbackUrl,
    }),
  },
  async (input) => {
    try {
      await signIn("password", { email: input.email, password: input.password, redirectTo: safeCallbackPath(input.callbackUrl) ?? "/" });
    } catch (error) {
      if (error instanceof CredentialsSignin) {
        if (error.code === "rate_limited") {
          throw new AppError("rate_limited", "Too many failed sign-in attempts. Wait 15 minutes, then try again.");
        }
        throw new AppError("unauthenticated", "Wrong e-mail or password.");
      }
      throw error;
    }
  },
);

export const signInWithSso = publicAction({ input: z.object({ callbackUrl }) }, async (input) => {
  if (!oidcEnabled) throw new AppError("not_found", "Single sign-on is not configured.");
  await signIn("oidc", { redirectTo: safeCallbackPath(input.callbackUrl) ?? "/" });
});
