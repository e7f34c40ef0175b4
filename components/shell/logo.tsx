import { cx } from "@/lib/utils";

/** The Onramp mark: a lane curving up to merge into a straight one. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={cx("shrink-0", className)}>
      <rect width="32" height="32" rx="8" fill="#1f58d6" />
      <path d="M6 24 C13 24 15 12 25 10" fill="none" stroke="#d9eaff" strokeWidth="3" strokeLinecap="round" />
      <path d="M6 10 H25" fill="none" stroke="#ffffff" strokeWidth="3" strokeLinecap="round" />
      <circle cx="25" cy="10" r="2.6" fill="#ffffff" />
    </svg>
  );
}

export function Logo({ className, tone = "dark" }: { className?: string; tone?: "dark" | "light" }) {
  return (
    <span className={cx("inline-flex items-center gap-2", className)}>
      <LogoMark className="size-7" />
      <span className={cx("text-base font-semibold tracking-tight", tone === "dark" ? "text-slate-900" : "text-white")}>Onramp</span>
    </span>
  );
}
