"use client";

import { useState, type FormEvent } from "react";
import { setDedicatedClientVpnAction } from "@/app/(app)/support/tenants/[id]/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

/** Provider admins choose whether the tenant's Client VPN connections get an endpoint of their own. */
export function DedicatedClientVpnForm({ tenantId, current }: { tenantId: string; current: boolean }) {
  const [dedicated, setDedicated] = useState(current);
  const { pending, error, success, run } = useActionForm();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(setDedicatedClientVpnAction, { tenantId, dedicated }, { successMessage: "Saved." });
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-3">
      <label className="flex items-start gap-3 text-sm">
        <input type="checkbox" name="dedicated" checked={dedicated} onChange={(event) => setDedicated(event.target.checked)} className="mt-1" />
        <span>
          <span className="font-medium text-slate-900">Dedicated Client VPN endpoint</span>
          <span className="block text-slate-600">
            The tenant&apos;s new Client VPN connections get an endpoint no other tenant uses. Each takes one of the region&apos;s five endpoints;
            connections placed already keep theirs.
          </span>
        </span>
      </label>
      <FormMessage error={error} success={success} />
      <Button type="submit" pending={pending}>
        Save
      </Button>
    </form>
  );
}
