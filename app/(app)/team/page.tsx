import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { TeamSections } from "@/components/team/team-sections";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { signedInCaller } from "@/lib/auth/page-caller";
import { can, isProviderRole } from "@/lib/auth/permissions";
import { listMembers, listOpenInvitations } from "@/lib/dal/members";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const caller = await signedInCaller("/team");
  // Provider staff manage a tenant's team from that tenant's page.
  if (isProviderRole(caller.role)) redirect("/support");
  if (!can(caller.role, "member.read") || !caller.tenantId) forbidden();

  const db = getDb();
  const [members, invitations] = await Promise.all([listMembers(db, caller, caller.tenantId), listOpenInvitations(db, caller, caller.tenantId)]);

  return (
    <>
      <PageHeader
        title="Team"
        description={
          can(caller.role, "member.invite")
            ? "People in your organisation who can use Onramp. Admins manage connections and the team; viewers can only look."
            : "People in your organisation who can use Onramp. Ask an admin to invite someone or change a role."
        }
      />
      <TeamSections caller={caller} members={members} invitations={invitations} invite={{ title: "Invite a teammate", description: "They get a link to create their account. It works once and expires in 7 days." }} />
    </>
  );
}
