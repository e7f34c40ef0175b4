"use client";

import { useRef, useState, type FormEvent } from "react";
import { inviteMemberAction } from "@/app/(app)/team/actions";
import { Button } from "@/components/ui/button";
import { CopyBlock } from "@/components/ui/copy-block";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { InvitationDelivery } from "@/lib/invitations/deliver";
import { isInvitableRole } from "./invitable-role";

const ROLE_OPTIONS = [
  { value: "customer_admin", label: "Admin — manages connections and the team" },
  { value: "customer_viewer", label: "Viewer — read-only" },
];


export function InvitationResult({ delivery }: { delivery: InvitationDelivery }) {
  if (delivery.emailed) {
    return <FormMessage success={`Invitation sent to ${delivery.email}.`} />;
  }
  return (
    <div className="space-y-2 rounded-md bg-brand-50 p-3 ring-1 ring-brand-100">
      <p role="status" className="text-sm text-slate-800">
        {delivery.mailFailed ? "The e-mail could not be sent. " : ""}
        Send this link to <span className="font-medium">{delivery.email}</span>. It works once and expires in 7 days.
      </p>
      {delivery.link && <CopyBlock value={delivery.link} label="Invitation link" />}
    </div>
  );
}

/** Invites a person by e-mail. Provider staff pass the tenant; customers always invite into their own. */
export function InviteMemberForm({ tenantId }: { tenantId?: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, fieldErrors, setFieldErrors, run } = useActionForm();
  const [delivery, setDelivery] = useState<InvitationDelivery | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const role = String(form.get("role") ?? "");
    if (!isInvitableRole(role)) {
      setFieldErrors({ role: ["Choose admin or viewer."] });
      return;
    }
    run(
      inviteMemberAction,
      { tenantId, email, role },
      {
        onSuccess: (data) => {
          setDelivery(data);
          formRef.current?.reset();
        },
        onFailure: () => setDelivery(null),
      },
    );
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} method="post" onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_16rem_auto] sm:items-start">
        <TextField label="E-mail address" name="email" type="email" autoComplete="off" required maxLength={254} errors={fieldErrors.email} />
        <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue="customer_viewer" errors={fieldErrors.role} />
        <Button type="submit" pending={pending} className="sm:mt-6.5">
          Send invitation
        </Button>
      </form>
      <FormMessage error={error} />
      {delivery && <InvitationResult delivery={delivery} />}
    </div>
  );
}
