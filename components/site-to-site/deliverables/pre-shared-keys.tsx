"use client";

import { revealPreSharedKeys } from "@/app/(app)/connections/site-to-site/actions";
import { Button } from "@/components/ui/button";
import { CopyBlock } from "@/components/ui/copy-block";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";
import { useRevealedKeys } from "./revealed-keys";

/** The tunnels' pre-shared keys, shown only on request; each reveal is recorded in the audit log. */
export function PreSharedKeys({ connectionId }: { connectionId: string }) {
  const { keys, setKeys } = useRevealedKeys();
  const form = useActionForm();

  function reveal() {
    form.run(revealPreSharedKeys, { connectionId }, { onSuccess: (revealed) => setKeys(revealed) });
  }

  return (
    <div className="space-y-2">
      <h3 className="font-medium text-slate-900">Pre-shared keys</h3>
      {keys ? (
        <>
          {keys.map((key) => (
            <div key={key.tunnel} className="space-y-1">
              <p className="text-xs font-medium text-slate-600">Tunnel {key.tunnel}</p>
              <CopyBlock value={key.preSharedKey} label={`Pre-shared key of tunnel ${key.tunnel}`} />
            </div>
          ))}
          <div className="flex flex-wrap items-center gap-3">
            <Button size="sm" variant="secondary" onClick={() => setKeys(null)}>
              Hide keys
            </Button>
            <p className="text-xs text-slate-500">Filled into the commands on this page until you hide them. Your reveal was recorded in the audit log.</p>
          </div>
        </>
      ) : (
        <>
          <p className="text-slate-600">Each tunnel has its own key. Revealing them is recorded in the audit log.</p>
          <Button size="sm" variant="secondary" pending={form.pending} onClick={reveal}>
            Reveal pre-shared keys
          </Button>
        </>
      )}
      <FormMessage error={form.error} />
    </div>
  );
}
