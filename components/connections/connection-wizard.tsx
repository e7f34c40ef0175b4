"use client";

import { useState } from "react";
import { ClientVpnForm } from "@/components/client-vpn/client-vpn-form";
import { PrivateLinkForm } from "@/components/connections/privatelink-form";
import { RecommendationPanel, useRecommendationHelp } from "@/components/connections/recommendation-panel";
import { SiteToSiteForm } from "@/components/site-to-site/form/site-to-site-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { CustomerLocation } from "@/db/schema";
import type { ConnectivityTypeOption, LocationOption } from "@/lib/connectivity/catalog";
import type { VpnDeviceType } from "@/lib/connectivity/site-to-site/device-types";
import { cx } from "@/lib/utils";

/** A product and the regions it is offered in, by product-region id. */
export interface ProductChoice {
  id: string;
  name: string;
  regions: Array<{ id: string; region: string }>;
}

const STEPS = ["Location", "Type", "Details"] as const;

function ChoiceCard({
  title,
  description,
  selected,
  onSelect,
  recommendedBy,
}: {
  title: string;
  description: string;
  selected: boolean;
  onSelect: () => void;
  /** The id of the recommendation's reasons, when this card is the recommended one. */
  recommendedBy?: string;
}) {
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-pressed={selected}
      aria-describedby={recommendedBy}
      className={cx(
        "rounded-lg bg-white p-4 text-left shadow-sm ring-1 transition hover:ring-brand-500",
        selected ? "ring-2 ring-brand-600" : recommendedBy ? "ring-2 ring-emerald-500" : "ring-slate-200",
      )}
    >
      {/* The title comes first: it starts the card's accessible name, which is how people and tests find it. */}
      <span className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-900">{title}</span>
        {recommendedBy && <Badge tone="success">Recommended</Badge>}
      </span>
      <span className="mt-1 block text-sm text-slate-600">{description}</span>
    </button>
  );
}

/** Location, then connectivity type, then the details the type needs. Only delivered options appear. */
export function ConnectionWizard({
  locations,
  types,
  products,
  deviceTypes,
}: {
  locations: LocationOption[];
  types: ConnectivityTypeOption[];
  products: ProductChoice[];
  /** AWS's VPN device list for Site-to-Site; null when it could not be read. */
  deviceTypes: VpnDeviceType[] | null;
}) {
  const [step, setStep] = useState(0);
  const [location, setLocation] = useState<CustomerLocation | null>(null);
  const [typeId, setTypeId] = useState<string | null>(null);

  const typesHere = types.filter((t) => t.location === location);
  const chosenType = typesHere.find((t) => t.id === typeId);
  const help = useRecommendationHelp(location, typesHere);
  const backToTypes = () => setStep(1);

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
          <RecommendationPanel help={help} />
          <div className="grid gap-3 sm:grid-cols-2">
            {typesHere.map((t) => (
              <ChoiceCard
                key={t.id}
                title={t.title}
                description={`${t.summary} ${t.explanation}`}
                selected={typeId === t.id}
                recommendedBy={help.recommendation?.type === t.id ? help.resultId : undefined}
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
        <section aria-labelledby="details-heading" className="space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
          <div className="space-y-1">
            <h2 id="details-heading" className="text-base font-semibold">
              {chosenType.title}
            </h2>
            <p className="text-sm text-slate-600">{chosenType.explanation}</p>
          </div>
          {chosenType.id === "privatelink" && <PrivateLinkForm products={products} onBack={backToTypes} />}
          {chosenType.id === "client_vpn" && <ClientVpnForm products={products} onBack={backToTypes} />}
          {chosenType.id === "site_to_site" && (location === "on_premises" || location === "other_cloud") && (
            <SiteToSiteForm location={location} products={products} deviceTypes={deviceTypes} onBack={backToTypes} />
          )}
        </section>
      )}
    </div>
  );
}
