import type { ReactNode } from "react";
import { cx } from "@/lib/utils";
import { FieldNote, useFieldNote } from "./field-note";

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  description?: ReactNode;
  disabled?: boolean;
}

/** A fieldset of radios: the legend names the question, each radio points at the group's error or hint. */
export function RadioGroup<V extends string>({
  legend,
  name,
  value,
  onChange,
  options,
  hint,
  errors,
  columns = 2,
}: {
  legend: string;
  name: string;
  value: V | "";
  onChange: (value: V) => void;
  options: ReadonlyArray<RadioOption<V>>;
  hint?: ReactNode;
  errors?: string[];
  columns?: 2 | 4;
}) {
  const note = useFieldNote(hint, errors);
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1.5 text-sm font-medium text-slate-800">{legend}</legend>
      <div className={cx("grid gap-2", columns === 4 ? "sm:grid-cols-4" : "sm:grid-cols-2")}>
        {options.map((option) => (
          <label
            key={option.value}
            className={cx(
              "flex gap-2 rounded-md p-3 text-sm ring-1 ring-inset",
              value === option.value ? "bg-brand-50 ring-brand-500" : note.invalid ? "ring-red-400" : "ring-slate-300",
              option.disabled ? "cursor-not-allowed opacity-60" : "cursor-pointer",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              disabled={option.disabled}
              onChange={() => onChange(option.value)}
              aria-invalid={note.invalid || undefined}
              aria-describedby={note.describedBy}
              className="mt-0.5 accent-brand-600"
            />
            <span>
              <span className="block font-medium text-slate-900">{option.label}</span>
              {option.description && <span className="mt-0.5 block text-xs text-slate-600">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
      <FieldNote id={note.id} hint={hint} errors={errors} />
    </fieldset>
  );
}
