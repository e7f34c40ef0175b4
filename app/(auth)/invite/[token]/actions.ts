"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signIn } from "@/lib/auth/auth";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { publicAction } from "@/lib/auth/guard";
import { acceptInvitation } from "@/lib/dal/invitations";

// Printable text only: names are shown to teammates and support, and land in the audit trail.
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

export const acceptInvitationAction = publicAction(
  {
    input: z
      .object({
        token: z.string().min(16).max(128),
        name: z
          .string()
          .trim()
          .min(1, "Enter your name.")
          .max(120, "Use at most 120 characters.")
          .regex(NO_CONTROL_CHARACTERS, "Use letters, digits and punctuation only."),
        password: z.string().min(12, "Use at least 12 characters.").max(128, "Use at most 128 characters."),
        confirmPassword: z.string().max(128),
      })
      .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords do not match." }),
  },
  async (input) => {
    const ip = clientIpFrom(await headers());
    const { email } = await acceptInvitation(getDb(), input.token, { name: input.name, password: input.password }, ip);
    // Throws the redirect into the portal; the new account is signed in like any other.
    await signIn("password", { email, password: input.password, redirectTo: "/connections" });
  },
);
