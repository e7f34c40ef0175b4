import Link from "next/link";
import { SelectField, TextField } from "@/components/ui/field";

export interface AuditFilterValues {
  action?: string;
  actor?: string;
  tenant?: string;
  from?: string;
  to?: string;
}

/**
 * A plain GET form: filters live in the URL, so a filtered view can be shared and paged without
 * client code. Support staff get the tenant, actor and date filters as well.
 */
export function AuditFilters({ path, actions, values, full, tenantError }: {
  path: string;
  actions: string[];
  values: AuditFilterValues;
  full: boolean;
  tenantError?: string;
}) {
  return (
    <form method="get" action={path} role="search" aria-label="Filter the audit log" className="mb-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className={full ? "grid gap-4 sm:grid-cols-2 lg:grid-cols-5" : "grid gap-4 sm:grid-cols-[minmax(0,18rem)]"}>
        <SelectField
          label="Action"
          name="action"
          defaultValue={values.action ?? ""}
          placeholder="All actions"
          options={actions.map((a) => ({ value: a, label: a }))}
        />
        {full && (
          <>
            <TextField label="Tenant" name="tenant" defaultValue={values.tenant} placeholder="slug or ID" maxLength={100} errors={tenantError ? [tenantError] : undefined} />
            <TextField label="Actor e-mail" name="actor" defaultValue={values.actor} placeholder="part of an address" maxLength={254} />
            <TextField label="From (UTC)" name="from" type="date" defaultValue={values.from} />
            <TextField label="To (UTC)" name="to" type="date" defaultValue={values.to} />
          </>
        )}
      </div>
      <div className="mt-4 flex items-center gap-3">
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
          Apply filters
        </button>
        <Link href={path} className="text-sm font-medium text-slate-600 hover:text-slate-900">
          Clear
        </Link>
      </div>
    </form>
  );
}
