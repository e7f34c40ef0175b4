"use client";

import { signOutAction } from "@/app/(app)/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";

export function SignOutButton() {
  // The action redirects to sign-in, so there is no message to show.
  const { pending, run } = useActionForm();
  return (
    <Button variant="secondary" size="sm" pending={pending} onClick={() => run(signOutAction, {})}>
      Sign out
    </Button>
  );
}
