import { cx } from "@/lib/utils";

/** A file download that looks like a button; the route sets the file name (Content-Disposition). */
export function DownloadLink({ href, children, primary = false }: { href: string; children: string; primary?: boolean }) {
  return (
    <a
      href={href}
      download
      className={cx(
        "inline-flex items-center justify-center rounded-md px-2.5 py-1.5 text-xs font-medium shadow-sm transition-colors",
        primary ? "bg-brand-600 text-white hover:bg-brand-700" : "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50",
      )}
    >
      {children}
    </a>
  );
}
