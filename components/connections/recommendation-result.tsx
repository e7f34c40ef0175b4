import type { ConnectivityTypeOption } from "@/lib/connectivity/catalog";
import type { Recommendation, RecommendableType, TradeOffAspect } from "@/lib/connectivity/recommendation";

const ASPECT_LABELS: Record<TradeOffAspect, string> = {
  device: "What you need",
  size: "Size",
  isolation: "Isolation",
  latency: "Latency",
  acceleration: "Acceleration",
  cost: "Cost per hour",
};

/** The recommended type with its trade-offs, what it asks of the customer, and why not the others. */
export function RecommendationResult({ recommendation, types }: { recommendation: Recommendation; types: ConnectivityTypeOption[] }) {
  // Recommendations only ever name types the catalog delivers here, so each has its title.
  const title = (type: RecommendableType) => types.find((t) => t.id === type)?.title ?? type;
  const name = title(recommendation.type);
  return (
    <div className="space-y-3 text-sm">
      <p className="font-semibold text-slate-900">{recommendation.bestFit ? `We recommend ${name}.` : `The closest fit we offer: ${name}.`}</p>
      {(recommendation.shortfall || recommendation.requirement) && (
        <div className="space-y-1 rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-inset ring-amber-200">
          {recommendation.shortfall && <p>{recommendation.shortfall}</p>}
          {recommendation.requirement && <p>{recommendation.requirement}</p>}
        </div>
      )}
      <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[10rem_1fr]">
        {recommendation.reasons.map((reason) => (
          <div key={reason.aspect} className="contents">
            <dt className="font-medium text-slate-700">{ASPECT_LABELS[reason.aspect]}</dt>
            <dd className="text-slate-600">{reason.text}</dd>
          </div>
        ))}
      </dl>
      {recommendation.alternatives.map((alternative) => (
        <p key={alternative.type} className="text-slate-600">
          <span className="font-medium text-slate-700">Why not {title(alternative.type)}? </span>
          {alternative.whyNot}
        </p>
      ))}
      <p className="text-xs text-slate-500">
        Prices are AWS&apos;s list prices in US East (N. Virginia); other regions differ a little and data is charged on top. You can still
        choose any option.
      </p>
    </div>
  );
}
