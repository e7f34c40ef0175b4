"use client";

import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { createTenantAction } from "@/app/(app)/support/actions";
import { InvitationResult } from "@/components/team/invite-member-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { InvitationDelivery } from "@/lib/invitations/deliver";

interface Created {
  tenantId: string;
  name: string;
  delivery: InvitationDelivery | null;
}

export function NewTenantForm() {
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, fieldErrors, run } = useActionForm();
  const [created, setCreated] = useState<Created | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    run(
      createTenantAction,
      { name: String(form.get("name") ?? ""), firstAdminEmail: String(form.get("firstAdminEmail") ?? "") },
      {
        onSuccess: (data) => {
          setCreated({ tenantId: data.tenantId, name: data.name, delivery: data.delivery });
          formRef.current?.reset();
        },
        onFailure: () => setCreated(null),
      },
    );
  }

  return (
    <div className="space-y-4">
      <form ref={formRef} method="post" onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-start">
        <TextField label="Organisation name" name="name" required maxLength={100} errors={fieldErrors.name} />
        <TextField
          label="First admin's e-mail (optional)"
          name="firstAdminEmail"
          type="email"
          autoComplete="off"
          maxLength={254}
          errors={fieldErrors.firstAdminEmail}
        />
        <Button type="submit" pending={pending} className="sm:mt-6.5">
          Create tenant
        </Button>
      </form>
      <FormMessage error={error} />
      {created && (
        <div className="space-y-3">
          <FormMessage success={`Tenant ${created.name} created.`} />
          <p className="text-sm">
            <Link href={`/support/tenants/${created.tenantId}`} className="font-medium text-brand-600 hover:text-brand-700">
              Open {created.name}
            </Link>
          </p>
          {created.delivery && <InvitationResult delivery={created.delivery} />}
        </div>
      )}
    </div>
  );
}
