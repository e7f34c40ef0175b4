import { Button } from "@/components/ui/button";

/** The foot of each connection type's form in the wizard: create it, or go back to choosing the type. */
export function WizardFormActions({ submitLabel, pending, disabled, onBack }: { submitLabel: string; pending: boolean; disabled?: boolean; onBack: () => void }) {
  return (
    <div className="flex gap-2">
      <Button type="submit" pending={pending} disabled={disabled}>
        {submitLabel}
      </Button>
      <Button type="button" variant="ghost" onClick={onBack}>
        Back
      </Button>
    </div>
  );
}
