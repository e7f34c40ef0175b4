"use client";

import { useRef, useState, type FormEvent } from "react";
import { registerProduct } from "@/app/(app)/support/products/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

const NEW_PRODUCT = "__new__";

/** Registers an endpoint service for a product (new or existing) in one region; details come from AWS. */
export function RegisterProductForm({ products }: { products: Array<{ slug: string; name: string }> }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [choice, setChoice] = useState(products[0]?.slug ?? NEW_PRODUCT);
  const { pending, error, success, fieldErrors, run } = useActionForm();
  const existing = products.find((p) => p.slug === choice);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "");
    run(
      registerProduct,
      {
        productSlug: existing ? existing.slug : text("productSlug"),
        productName: existing ? existing.name : text("productName"),
        region: text("region"),
        serviceId: text("serviceId"),
      },
      { successMessage: "Registered. Customers can choose it now.", onSuccess: () => formRef.current?.reset() },
    );
  }

  return (
    <form ref={formRef} method="post" onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <SelectField
        label="Product"
        value={choice}
        onChange={(e) => setChoice(e.target.value)}
        options={[...products.map((p) => ({ value: p.slug, label: p.name })), { value: NEW_PRODUCT, label: "A new product…" }]}
      />
      {existing ? (
        <div />
      ) : (
        <>
          <TextField label="Product name" name="productName" maxLength={80} placeholder="Acme Reports" errors={fieldErrors.productName} />
          <TextField label="Slug" name="productSlug" maxLength={40} placeholder="reports" hint="Lower-case letters, digits and dashes." errors={fieldErrors.productSlug} />
        </>
      )}
      <TextField label="Region" name="region" maxLength={32} placeholder="us-east-1" errors={fieldErrors.region} />
      <TextField
        label="Endpoint service ID"
        name="serviceId"
        maxLength={40}
        placeholder="vpce-svc-0123456789abcdef0"
        hint="It must require acceptance, so Onramp decides who connects."
        errors={fieldErrors.serviceId}
      />
      <div className="space-y-3 sm:col-span-2">
        <FormMessage error={error} success={success} />
        <Button type="submit" pending={pending}>
          Register from AWS
        </Button>
      </div>
    </form>
  );
}
