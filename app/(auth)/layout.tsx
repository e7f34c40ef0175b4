import type { ReactNode } from "react";
import { Logo } from "@/components/shell/logo";

const POINTS = [
  "Private connectivity from your cloud account, without touching the public internet.",
  "Step-by-step guidance with ready-to-paste AWS CLI, CloudFormation and Terraform.",
  "Live status from request to available, for you and for our support team.",
];

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid min-h-screen lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
      <aside className="relative hidden overflow-hidden bg-slate-900 px-12 py-12 text-slate-100 lg:flex lg:flex-col lg:justify-between">
        <div aria-hidden className="pointer-events-none absolute -right-24 -top-24 size-96 rounded-full bg-brand-600/30 blur-3xl" />
        <div aria-hidden className="pointer-events-none absolute -bottom-32 -left-16 size-96 rounded-full bg-brand-500/20 blur-3xl" />
        <Logo tone="light" className="relative" />
        <div className="relative max-w-md">
          <h2 className="text-3xl font-semibold leading-tight tracking-tight text-white">Your private path to our service.</h2>
          <ul className="mt-8 space-y-4">
            {POINTS.map((point) => (
              <li key={point} className="flex gap-3 text-sm text-slate-300">
                <span aria-hidden className="mt-1.5 size-1.5 shrink-0 rounded-full bg-brand-100" />
                {point}
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-xs text-slate-500">Onramp · private connectivity portal</p>
      </aside>
      <main className="flex flex-col items-center justify-center px-6 py-12">
        <Logo className="mb-8 lg:hidden" />
        <div className="w-full max-w-sm">{children}</div>
      </main>
    </div>
  );
}
