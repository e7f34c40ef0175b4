import { InviteMemberForm } from "@/components/team/invite-member-form";
import { InvitationsTable, MembersTable } from "@/components/team/team-tables";
import { Card } from "@/components/ui/card";
import type { Caller } from "@/lib/auth/caller";
import { can } from "@/lib/auth/permissions";
import type { listMembers, listOpenInvitations } from "@/lib/dal/members";

/**
 * A tenant's people: the invite form (for those allowed), members and open invitations. Shared by a
 * customer's Team page and support's tenant page; `tenantId` is passed only by provider staff.
 */
export function TeamSections({ caller, members, invitations, invite }: {
  caller: Caller;
  members: Awaited<ReturnType<typeof listMembers>>;
  invitations: Awaited<ReturnType<typeof listOpenInvitations>>;
  invite: { title: string; description: string; tenantId?: string };
}) {
  const canInvite = can(caller.role, "member.invite");
  return (
    <div className="space-y-8">
      {canInvite && (
        <Card title={invite.title} description={invite.description}>
          <InviteMemberForm tenantId={invite.tenantId} />
        </Card>
      )}
      <section aria-labelledby="members-heading" className="space-y-3">
        <h2 id="members-heading" className="text-sm font-semibold text-slate-900">
          Members <span className="font-normal text-slate-500">({members.length})</span>
        </h2>
        <MembersTable members={members} selfId={caller.userId} canManage={can(caller.role, "member.remove")} />
      </section>
      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="text-sm font-semibold text-slate-900">
          Open invitations <span className="font-normal text-slate-500">({invitations.length})</span>
        </h2>
        <InvitationsTable invitations={invitations} canRevoke={canInvite} />
      </section>
    </div>
  );
}
