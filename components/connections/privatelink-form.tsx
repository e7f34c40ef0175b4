"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createConnection } from "@/app/(app)/connections/new/actions";
import type { ProductChoice } from "@/components/connections/connection-wizard";
import { WizardFormActions } from "@/components/connections/wizard-form-actions";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

/** PrivateLink details: the customer's account and the product region their endpoint will be in. */
export function PrivateLinkForm({ products, onBack }: { products: ProductChoice[]; onBack: () => void }) {
  const router = useRouter();
  const [productId, setProductId] = useState(products.length === 1 ? (products[0]?.id ?? "") : "");
  const [productRegionId, setProductRegionId] = useState("");
  const { pending, error, fieldErrors, run } = useActionForm();
  const regions = products.find((p) => p.id === productId)?.regions ?? [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const label = String(form.get("label") ?? "").trim();
    run(
      createConnection,
      { awsAccountId: String(form.get("awsAccountId") ?? ""), productRegionId, label: label || undefined },
      { onSuccess: (created) => router.push(`/connections/${created.id}`) },
    );
  }

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-4">
      <TextField
        label="Your AWS account ID"
        name="awsAccountId"
        inputMode="numeric"
        autoComplete="off"
        placeholder="123456789012"
        maxLength={20}
        hint="The 12-digit account that will own the interface endpoint."
        errors={fieldErrors.awsAccountId}
        required
      />
      <SelectField
        label="Product"
        value={productId}
        onChange={(e) => {
          setProductId(e.target.value);
          setProductRegionId("");
        }}
        placeholder="Choose a product"
        options={products.map((p) => ({ value: p.id, label: p.name }))}
      />
      <SelectField
        label="Region"
        name="productRegionId"
        value={productRegionId}
        onChange={(e) => setProductRegionId(e.target.value)}
        placeholder={productId ? "Choose a region" : "Choose a product first"}
        disabled={!productId}
        options={regions.map((r) => ({ value: r.id, label: r.region }))}
        hint="Your endpoint must be in this region."
        errors={fieldErrors.productRegionId}
      />
      <TextField label="Name (optional)" name="label" maxLength={64} placeholder="Production VPC" errors={fieldErrors.label} />
      <FormMessage error={error} />
      <WizardFormActions submitLabel="Create connection" pending={pending} onBack={onBack} />
    </form>
  );
}
