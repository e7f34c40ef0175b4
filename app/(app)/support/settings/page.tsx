import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { UnknownEndpointPolicyForm } from "@/components/support-settings/unknown-endpoint-policy-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can } from "@/lib/auth/permissions";
import { getUnknownEndpointPolicy } from "@/lib/dal/provider-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SupportSettingsPage() {
  const caller = await signedInCaller("/support/settings");
  if (!can(caller.role, "settings.manage")) forbidden();
  const policy = await getUnknownEndpointPolicy(getDb());
  return (
    <>
      <PageHeader title="Settings" description="Provider-wide settings. Changes are audited." />
      <Card title="Unknown endpoint connections">
        <UnknownEndpointPolicyForm current={policy} />
      </Card>
    </>
  );
}
