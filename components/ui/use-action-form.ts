"use client";

import { useState, useTransition } from "react";
import type { ActionResult, FieldErrors } from "@/lib/errors";

export interface RunOptions<T> {
  /** Shown in the form's live region once the action succeeds. */
  successMessage?: string;
  onSuccess?: (data: T) => void;
  onFailure?: () => void;
}

/**
 * The state every client form keeps around a server action: pending, the error or success message,
 * and per-field errors. Each `run` starts fresh so a repeated error is announced again.
 */
export function useActionForm() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  function run<I, T>(action: (input: I) => Promise<ActionResult<T>>, input: I, options: RunOptions<T> = {}) {
    setError(null);
    setSuccess(null);
    startTransition(async () => {
      const result = await action(input);
      if (result.ok) {
        setFieldErrors({});
        setSuccess(options.successMessage ?? null);
        options.onSuccess?.(result.data);
      } else {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        options.onFailure?.();
      }
    });
  }

  return { pending, error, success, fieldErrors, setFieldErrors, run };
}
