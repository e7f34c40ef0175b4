import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";
import { cx } from "@/lib/utils";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500";

/** The id and the accessibility wiring shared by every control: it points at the error, else the hint. */
function useControlProps({ id, hint, errors, className }: { id?: string; hint?: ReactNode; errors?: string[]; className?: string }) {
  const generated = useId();
  const fieldId = id ?? generated;
  const invalid = Boolean(errors?.length);
  return {
    id: fieldId,
    "aria-invalid": invalid || undefined,
    "aria-describedby": invalid ? `${fieldId}-error` : hint ? `${fieldId}-hint` : undefined,
    className: cx(CONTROL, invalid ? "ring-red-400" : "ring-slate-300", className),
  };
}

interface FieldShellProps {
  label: string;
  hint?: ReactNode;
  errors?: string[];
  id: string;
  children: ReactNode;
}

function FieldShell({ label, hint, errors, id, children }: FieldShellProps) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errors?.length && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: ReactNode;
  errors?: string[];
}

/** A labelled input whose errors are tied to it for screen readers. */
export function TextField({ label, hint, errors, className, id, ...rest }: TextFieldProps) {
  const control = useControlProps({ id, hint, errors, className });
  return (
    <FieldShell label={label} hint={hint} errors={errors} id={control.id}>
      <input {...rest} {...control} />
    </FieldShell>
  );
}

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  hint?: ReactNode;
  errors?: string[];
  options: Array<{ value: string; label: string }>;
  placeholder?: string;
}

export function SelectField({ label, hint, errors, options, placeholder, className, id, ...rest }: SelectFieldProps) {
  const control = useControlProps({ id, hint, errors, className });
  return (
    <FieldShell label={label} hint={hint} errors={errors} id={control.id}>
      <select {...rest} {...control}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
