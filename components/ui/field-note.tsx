import { useId, type ReactNode } from "react";

/**
 * For controls grouped in a fieldset (radios, checkboxes, a list of rows): the group's hint or
 * error below it, and the ids its controls point at with aria-describedby, as components/ui/field.tsx
 * does for a single control.
 */
export function useFieldNote(hint: ReactNode | undefined, errors: string[] | undefined) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return {
    id,
    invalid,
    describedBy: invalid ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}

export function FieldNote({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] }) {
  if (errors?.length) {
    return (
      <p id={`${id}-error`} className="text-xs font-medium text-red-700">
        {errors.join(" ")}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}
