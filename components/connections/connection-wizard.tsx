"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createConnection } from "@/app/(app)/connections/new/actions";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import type { CustomerLocation } from "@/db/schema";
import type { ConnectivityTypeOption, LocationOption } from "@/lib/connectivity/catalog";
import { cx } from "@/lib/utils";

interface ProductChoice {
  id: string;
  name: string;
  regions: Array<{ id: string; region: string }>;
}

const STEPS = ["Location", "Type", "Details"] as const;

function ChoiceCard({ title, description, selected, onSelect }: { title: string; description: string; selected: boolean; onSelect: () => void }) {
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-pressed={selected}
      className={cx(
        "rounded-lg bg-white p-4 text-left shadow-sm ring-1 transition hover:ring-brand-500",
        selected ? "ring-2 ring-brand-600" : "ring-slate-200",
      )}
    >
      <span className="block text-sm font-semibold text-slate-900">{title}</span>
      <span className="mt-1 block text-sm text-slate-600">{description}</span>
    </button>
  );
}

/** Location, then connectivity type, then the details the type needs. Only delivered options appear. */
export function ConnectionWizard({ locations, types, products }: { locations: LocationOption[]; types: ConnectivityTypeOption[]; products: ProductChoice[] }) {
  const router = useRouter();
  const [step, setStep] = useState(0);
  const [location, setLocation] = useState<CustomerLocation | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [productId, setProductId] = useState(products.length === 1 ? (products[0]?.id ?? "") : "");
  const [productRegionId, setProductRegionId] = useState("");
  const { pending, error, fieldErrors, run } = useActionForm();

  const typesHere = types.filter((t) => t.location === location);
  const chosenType = typesHere.find((t) => t.id === typeId);
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
    <div className="max-w-3xl space-y-6">
      <ol className="flex gap-2 text-sm" aria-label="Steps">
        {STEPS.map((name, i) => (
          <li key={name} aria-current={i === step ? "step" : undefined} className={cx("rounded-full px-3 py-1", i === step ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-600")}>
            {i + 1}. {name}
          </li>
        ))}
      </ol>

      {step === 0 && (
        <section aria-labelledby="where-heading" className="space-y-3">
          <h2 id="where-heading" className="text-base font-semibold">Where do your workloads run?</h2>
          <div className="grid gap-3 sm:grid-cols-3">
            {locations.map((l) => (
              <ChoiceCard
                key={l.id}
                title={l.title}
                description={l.description}
                selected={location === l.id}
                onSelect={() => {
                  setLocation(l.id);
                  setTypeId(null);
                  setStep(1);
                }}
              />
            ))}
          </div>
        </section>
      )}

      {step === 1 && (
        <section aria-labelledby="how-heading" className="space-y-3">
          <h2 id="how-heading" className="text-base font-semibold">How do you want to connect?</h2>
          <div className="grid gap-3 sm:grid-cols-2">
            {typesHere.map((t) => (
              <ChoiceCard
                key={t.id}
                title={t.title}
                description={`${t.summary} ${t.explanation}`}
                selected={typeId === t.id}
                onSelect={() => {
                  setTypeId(t.id);
                  setStep(2);
                }}
              />
            ))}
          </div>
          <Button variant="ghost" onClick={() => setStep(0)}>
            Back
          </Button>
        </section>
      )}

      {step === 2 && chosenType && (
        <form method="post" onSubmit={submit} noValidate className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-base font-semibold">{chosenType.title}</h2>
          <p className="text-sm text-slate-600">{chosenType.explanation}</p>
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
          <div className="flex gap-2">
            <Button type="submit" pending={pending}>
              Create connection
            </Button>
            <Button type="button" variant="ghost" onClick={() => setStep(1)}>
              Back
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
