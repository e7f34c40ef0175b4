"use client";

import { useRouter } from "next/navigation";
import { refreshProduct } from "@/app/(app)/support/products/actions";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { useActionForm } from "@/components/ui/use-action-form";

export function RefreshProductButton({ productRegionId, label }: { productRegionId: string; label: string }) {
  const router = useRouter();
  const { pending, error, run } = useActionForm();
  return (
    <div className="space-y-1">
      <Button
        size="sm"
        variant="secondary"
        pending={pending}
        aria-label={`Refresh ${label} from AWS`}
        onClick={() => run(refreshProduct, { productRegionId }, { onSuccess: () => router.refresh() })}
      >
        Refresh from AWS
      </Button>
      <FormMessage error={error} />
    </div>
  );
}
