"use client";

import { useState } from "react";
import { changeMemberRoleAction, removeMemberAction } from "@/app/(app)/team/actions";
import { Button } from "@/components/ui/button";
import { useActionForm } from "@/components/ui/use-action-form";
import type { InvitableRole } from "@/lib/dal/invitations";
import { isInvitableRole } from "./invitable-role";

/** Role change and removal for one member; errors (such as "only admin") show beside the row. */
export function MemberActions({ userId, name, role }: { userId: string; name: string; role: InvitableRole }) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run } = useActionForm();

  function changeRole(next: string) {
    if (!isInvitableRole(next) || next === role) return;
    run(changeMemberRoleAction, { userId, role: next });
  }

  function remove() {
    const close = () => setConfirming(false);
    run(removeMemberAction, { userId }, { onSuccess: close, onFailure: close });
  }

  return (
    <div className="flex flex-col items-start gap-1.5">
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={`role-${userId}`}>
          Role of {name}
        </label>
        <select
          id={`role-${userId}`}
          value={role}
          disabled={pending}
          onChange={(e) => changeRole(e.target.value)}
          className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-xs text-slate-800 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        >
          <option value="customer_admin">Admin</option>
          <option value="customer_viewer">Viewer</option>
        </select>
        {confirming ? (
          <>
            <Button variant="danger" size="sm" pending={pending} onClick={remove} aria-label={`Confirm removing ${name}`}>
              Remove
            </Button>
            <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
              Cancel
            </Button>
          </>
        ) : (
          <Button variant="secondary" size="sm" disabled={pending} onClick={() => setConfirming(true)} aria-label={`Remove ${name}`}>
            Remove
          </Button>
        )}
      </div>
      <p aria-live="polite" className="max-w-64 text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}
