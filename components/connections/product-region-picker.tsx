"use client";

import type { ProductChoice } from "@/components/connections/connection-wizard";
import { SelectField } from "@/components/ui/field";
import { FieldNote, useFieldNote } from "@/components/ui/field-note";
import { resolveProductRegions } from "./product-regions";

/** What the picker's hints say, in the words of the connection being made. */
export interface ProductRegionWording {
  products: string;
  region: string;
  noSharedRegion: string;
}

/** One or more products as checkboxes, then the region they share. */
export function ProductRegionPicker({
  products,
  productIds,
  onProductsChange,
  region,
  onRegionChange,
  errors,
  wording,
}: {
  products: readonly ProductChoice[];
  productIds: string[];
  onProductsChange: (ids: string[]) => void;
  region: string;
  onRegionChange: (region: string) => void;
  errors?: string[];
  wording: ProductRegionWording;
}) {
  const hint = wording.products;
  const note = useFieldNote(hint, errors);
  const resolved = resolveProductRegions(products, productIds, region);
  const noSharedRegion = productIds.length > 1 && resolved.regions.length === 0;

  return (
    <div className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="mb-1.5 text-sm font-medium text-slate-800">Products</legend>
        {products.length === 0 ? (
          <p className="text-sm text-slate-600">The provider offers no products yet, so there is nothing to connect to.</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {products.map((product) => (
              <label key={product.id} className="flex cursor-pointer items-start gap-2 rounded-md p-3 text-sm ring-1 ring-inset ring-slate-300">
                <input
                  type="checkbox"
                  checked={productIds.includes(product.id)}
                  onChange={(event) =>
                    onProductsChange(event.target.checked ? [...productIds, product.id] : productIds.filter((id) => id !== product.id))
                  }
                  aria-invalid={note.invalid || undefined}
                  aria-describedby={note.describedBy}
                  className="mt-0.5 accent-brand-600"
                />
                <span>
                  <span className="block font-medium text-slate-900">{product.name}</span>
                  <span className="block text-xs text-slate-600">{product.regions.map((r) => r.region).join(", ")}</span>
                </span>
              </label>
            ))}
          </div>
        )}
        <FieldNote id={note.id} hint={hint} errors={errors} />
      </fieldset>
      <SelectField
        label="Region"
        value={resolved.region}
        onChange={(event) => onRegionChange(event.target.value)}
        placeholder={productIds.length === 0 ? "Choose a product first" : noSharedRegion ? "No region offers all of them" : "Choose a region"}
        disabled={resolved.regions.length === 0}
        options={resolved.regions.map((name) => ({ value: name, label: name }))}
        hint={noSharedRegion ? wording.noSharedRegion : wording.region}
      />
    </div>
  );
}
