import Link from "next/link";

/** What a page shows to a signed-in person whose role does not allow it. */
export function AccessDenied({ homeHref }: { homeHref: string }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">403</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">You do not have access to this page</h1>
      <p className="mt-2 text-sm text-slate-600">Your role does not include it. If you need it, ask an admin of your organisation.</p>
      <Link href={homeHref} className="mt-6 inline-block text-sm font-medium text-brand-600 hover:text-brand-700">
        Go to your start page
      </Link>
    </div>
  );
}
