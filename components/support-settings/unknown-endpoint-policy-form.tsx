"use client";

import { useState, type FormEvent } from "react";
import { updateUnknownEndpointPolicy } from "@/app/(app)/support/settings/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { UnknownEndpointPolicy } from "@/lib/dal/provider-settings";

const OPTIONS: Array<{ value: UnknownEndpointPolicy; label: string; description: string }> = [
  { value: "reject", label: "Reject", description: "Reject the endpoint at once. Nobody asked Onramp for it." },
  { value: "hold", label: "Hold for support", description: "Leave it pending and list it under Endpoint requests for a person to decide." },
];

export function UnknownEndpointPolicyForm({ current }: { current: UnknownEndpointPolicy }) {
  const [policy, setPolicy] = useState(current);
  const { pending, error, success, run } = useActionForm();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run(updateUnknownEndpointPolicy, { policy }, { successMessage: "Saved." });
  }

  return (
    <form method="post" onSubmit={submit} className="space-y-4">
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">An endpoint connection from an account that belongs to no tenant:</legend>
        {OPTIONS.map((o) => (
          <label key={o.value} className="flex items-start gap-3 text-sm">
            <input type="radio" name="policy" value={o.value} checked={policy === o.value} onChange={() => setPolicy(o.value)} className="mt-1" />
            <span>
              <span className="font-medium text-slate-900">{o.label}</span>
              <span className="block text-slate-600">{o.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormMessage error={error} success={success} />
      <Button type="submit" pending={pending}>
        Save
      </Button>
    </form>
  );
}
