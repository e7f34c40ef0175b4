import type { ReactNode } from "react";
import { Logo } from "./logo";
import { NavLinks, type NavLink } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export interface ShellUser {
  name: string;
  email: string;
  roleLabel: string;
}

/** The signed-in frame: navigation on the left (on top on small screens), who is signed in on top. */
export function AppShell({ user, context, nav, sandbox, children }: {
  user: ShellUser;
  /** The tenant's name for customers, the provider console for staff. */
  context: string;
  nav: readonly NavLink[];
  sandbox: boolean;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen md:grid md:grid-cols-[15rem_minmax(0,1fr)]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-sm">
        Skip to content
      </a>
      {/* The outer box stretches to the page's height for the background; the inner one stays in view. */}
      <div className="bg-slate-900">
        <aside className="md:sticky md:top-0 md:flex md:h-screen md:flex-col">
          <div className="flex items-center justify-between gap-3 px-4 pb-2 pt-4 md:block md:px-5 md:pt-5">
            <Logo tone="light" />
            <p className="truncate text-xs font-medium text-slate-400 md:mt-3" title={context}>
              {context}
            </p>
          </div>
          <nav aria-label="Main" className="px-2 pb-3 md:mt-4 md:flex-1 md:px-3">
            <NavLinks items={nav} />
          </nav>
          {sandbox && (
            <div className="hidden border-t border-white/10 px-5 py-4 md:block">
              <p className="text-xs font-semibold text-amber-300">Sandbox cloud</p>
              <p className="mt-1 text-xs leading-relaxed text-slate-400">AWS is emulated. Nothing here touches a real AWS account.</p>
            </div>
          )}
        </aside>
      </div>
      <div className="flex min-w-0 flex-col">
        <header className="flex items-center justify-end gap-4 border-b border-slate-200 bg-white px-4 py-3 md:px-8">
          {sandbox && (
            <span className="mr-auto rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-200 md:hidden">
              Sandbox cloud
            </span>
          )}
          <div className="min-w-0 text-right">
            <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
            <p className="truncate text-xs text-slate-500">
              {user.roleLabel} · {user.email}
            </p>
          </div>
          <SignOutButton />
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
