const FORMAT = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * A timestamp in UTC, the same for everyone on a call with support whatever their time zone;
 * the machine-readable value is in `dateTime`.
 */
export function DateTime({ value, fallback = "—" }: { value: Date | null; fallback?: string }) {
  if (!value) return <span className="text-slate-400">{fallback}</span>;
  return (
    <time dateTime={value.toISOString()} className="whitespace-nowrap">
      {FORMAT.format(value)} UTC
    </time>
  );
}
