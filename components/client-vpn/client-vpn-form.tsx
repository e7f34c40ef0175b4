"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createClientVpn } from "@/app/(app)/connections/client-vpn/actions";
import type { ProductChoice } from "@/components/connections/connection-wizard";
import { errorsElsewhere, errorsUnder } from "@/components/site-to-site/form/field-errors";
import { ProductRegionPicker, type ProductRegionWording } from "@/components/connections/product-region-picker";
import { resolveProductRegions } from "@/components/connections/product-regions";
import { WizardFormActions } from "@/components/connections/wizard-form-actions";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

/** The fields whose errors the form shows next to a control; anything else joins the form message. */
const PLACED_FIELDS = ["label", "productRegionIds", "region"];

const CLIENT_VPN_WORDING: ProductRegionWording = {
  products: "Your devices reach the products you choose here, and nothing else on our network.",
  region: "Devices connect to our shared Client VPN endpoint in this region; choose the one nearest your people. Only regions that offer every chosen product are listed.",
  noSharedRegion: "These products share no region: a Client VPN connection is in one region, so request one per region.",
};

/**
 * Client VPN details: what the machines reach, in which region, and a name. Devices are added on the
 * connection's page once it exists; the server checks everything and names each refusal's field.
 */
export function ClientVpnForm({ products, onBack }: { products: ProductChoice[]; onBack: () => void }) {
  const router = useRouter();
  const { pending, error, fieldErrors, run } = useActionForm();
  const [productIds, setProductIds] = useState<string[]>(products.length === 1 ? [products[0]?.id ?? ""] : []);
  const [region, setRegion] = useState("");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const resolved = resolveProductRegions(products, productIds, region);
    const label = String(form.get("label") ?? "").trim();
    run(
      createClientVpn,
      { region: resolved.region, productRegionIds: resolved.productRegionIds, label: label === "" ? undefined : label },
      { onSuccess: (created) => router.push(`/connections/${created.id}`) },
    );
  }

  // The picker holds both: a region that does not offer a chosen product is a refusal of the pair.
  const pickerErrors = [...(errorsUnder(fieldErrors, "productRegionIds") ?? []), ...(fieldErrors.region ?? [])];
  const elsewhere = errorsElsewhere(fieldErrors, PLACED_FIELDS);
  const formError = error && elsewhere.length > 0 ? `${error} ${elsewhere.join(" ")}` : error;

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-6">
      <ProductRegionPicker
        products={products}
        productIds={productIds}
        onProductsChange={setProductIds}
        region={region}
        onRegionChange={setRegion}
        errors={pickerErrors.length > 0 ? pickerErrors : undefined}
        wording={CLIENT_VPN_WORDING}
      />
      <TextField
        label="Name (optional)"
        name="label"
        maxLength={64}
        autoComplete="off"
        placeholder="Remote team"
        hint="How you and we will recognise this connection; devices and people are added on its page."
        errors={fieldErrors.label}
      />
      <FormMessage error={formError} />
      <WizardFormActions submitLabel="Create Client VPN" pending={pending} onBack={onBack} />
    </form>
  );
}
