import { cx } from "@/lib/utils";

/** How full one of an environment's limits is, as a figure and a bar that warns from 80 %. */
export function CapacityMeter({ label, used, limit }: { label: string; used: number; limit: number }) {
  const share = limit > 0 ? Math.min(1, used / limit) : 1;
  const tone = share >= 1 ? "bg-red-500" : share >= 0.8 ? "bg-amber-500" : "bg-brand-500";
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1">
        <span className="text-sm font-semibold tabular-nums text-slate-900">
          {used.toLocaleString("en-GB")} / {limit.toLocaleString("en-GB")}
        </span>
        <div
          role="meter"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={used}
          className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-slate-100"
        >
          <div className={cx("h-full rounded-full", tone)} style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      </dd>
    </div>
  );
}
