import { cx } from "@/lib/utils";

/** An always-present live region, so screen readers announce errors and confirmations as they appear. */
export function FormMessage({ error, success }: { error?: string | null; success?: string | null }) {
  return (
    <div aria-live="polite" role="status" className="min-h-0">
      {(error || success) && (
        <p
          className={cx(
            "rounded-md px-3 py-2 text-sm",
            error ? "bg-red-50 text-red-800 ring-1 ring-red-200" : "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200",
          )}
        >
          {error ?? success}
        </p>
      )}
    </div>
  );
}
