import Link from "next/link";

const LINK = "rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
const DISABLED = "rounded-md px-3 py-1.5 text-sm font-medium text-slate-300 ring-1 ring-inset ring-slate-200";

/** A link when there is such a page; otherwise the same words, visibly and accessibly disabled. */
function PageLink({ href, rel, children }: { href: string | null; rel: "prev" | "next"; children: string }) {
  if (!href) {
    return (
      <span aria-disabled="true" className={DISABLED}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={LINK} rel={rel}>
      {children}
    </Link>
  );
}

/** Previous / next links for keyset-paged lists; a missing href means there is no such page. */
export function Pager({ previousHref, nextHref, firstHref, label }: {
  previousHref: string | null;
  nextHref: string | null;
  /** Shown when the list is not at its first page, to jump back to the start. */
  firstHref?: string | null;
  label: string;
}) {
  if (!previousHref && !nextHref && !firstHref) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between gap-2">
      <div>
        {firstHref && (
          <Link href={firstHref} className="text-sm font-medium text-brand-600 hover:text-brand-700">
            Back to the start
          </Link>
        )}
      </div>
      <div className="flex gap-2">
        <PageLink href={previousHref} rel="prev">
          Previous
        </PageLink>
        <PageLink href={nextHref} rel="next">
          Next
        </PageLink>
      </div>
    </nav>
  );
}
