import Link from "next/link";
import { cx } from "@/lib/utils";

type Tone = "neutral" | "success" | "info" | "danger" | "warning";

const TONES: Record<Tone, string> = {
  neutral: "text-slate-900",
  success: "text-emerald-700",
  info: "text-brand-700",
  danger: "text-red-700",
  warning: "text-amber-700",
};

/** One figure at the top of the dashboard (place inside a <dl>), optionally linking to the list behind it. */
export function StatTile({ label, value, href, tone = "neutral" }: { label: string; value: number; href?: string; tone?: Tone }) {
  const figure = value.toLocaleString("en-GB");
  return (
    <div className="rounded-lg bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className={cx("mt-1 text-2xl font-semibold tabular-nums", value === 0 ? TONES.neutral : TONES[tone])}>
        {href ? (
          <Link href={href} className="hover:underline">
            {figure}
          </Link>
        ) : (
          figure
        )}
      </dd>
    </div>
  );
}
