import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { DateTime } from "@/components/ui/date-time";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Member, OpenInvitation } from "@/lib/dal/members";
import { isInvitableRole } from "./invitable-role";
import { MemberActions } from "./member-actions";
import { RevokeInvitationButton } from "./revoke-invitation-button";

/** Members of one tenant; the action column exists only for callers who may manage members. */
export function MembersTable({ members, selfId, canManage }: { members: Member[]; selfId: string; canManage: boolean }) {
  return (
    <DataTable
      caption="Members"
      rows={members}
      rowKey={(m) => m.id}
      empty="No members yet. Invite the first one."
      columns={[
        {
          header: "Name",
          cell: (m) => (
            <div>
              <p className="font-medium text-slate-900">
                {m.name}
                {m.id === selfId && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
              </p>
              <p className="text-xs text-slate-500 break-all">{m.email}</p>
            </div>
          ),
        },
        { header: "Role", cell: (m) => <Badge tone={m.role === "customer_admin" ? "info" : "neutral"}>{ROLE_LABELS[m.role]}</Badge> },
        { header: "Last sign-in", cell: (m) => <DateTime value={m.lastSignInAt} fallback="Never" /> },
        ...(canManage
          ? [
              {
                header: "Actions",
                cell: (m: Member) =>
                  m.id !== selfId && isInvitableRole(m.role) ? <MemberActions userId={m.id} name={m.name} role={m.role} /> : null,
              },
            ]
          : []),
      ]}
    />
  );
}

export function InvitationsTable({ invitations, canRevoke }: { invitations: OpenInvitation[]; canRevoke: boolean }) {
  return (
    <DataTable
      caption="Open invitations"
      rows={invitations}
      rowKey={(i) => i.id}
      empty="No open invitations."
      columns={[
        { header: "E-mail", cell: (i) => <span className="break-all">{i.email}</span> },
        { header: "Role", cell: (i) => ROLE_LABELS[i.role] },
        { header: "Invited by", cell: (i) => i.invitedByName ?? <span className="text-slate-400">—</span> },
        { header: "Expires", cell: (i) => <DateTime value={i.expiresAt} /> },
        ...(canRevoke
          ? [
              {
                header: "Actions",
                cell: (i: OpenInvitation) => <RevokeInvitationButton invitationId={i.id} email={i.email} />,
              },
            ]
          : []),
      ]}
    />
  );
}
