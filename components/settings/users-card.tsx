"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, ErrorNotice } from "@/components/ui/feedback";
import { Input, Select } from "@/components/ui/fields";
import { DataTable } from "@/components/ui/table";
import { toast } from "@/components/ui/toast";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { UserRow, UserStatus } from "@/lib/auth/users";
import { api } from "@/lib/client/fetch";

const STATUS_COLOR: Record<UserStatus, "green" | "amber" | "red" | "gray"> = { active: "green", disabled: "amber", removed: "red", no_password: "gray" };

/**
 * Admins add people, set roles, disable / enable (sessions and tokens end at once), reset passwords and remove
 * accounts (their history stays attributed). Nobody can disable or remove themselves, or the last active admin.
 */
export function UsersCard({ meId }: { meId: number }) {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => api<{ users: UserRow[] }>("/api/users") });
  const [draft, setDraft] = useState({ email: "", name: "", password: "", role: "reviewer" as Role });
  const [resetFor, setResetFor] = useState<UserRow | null>(null);
  const [newPw, setNewPw] = useState("");
  const refresh = () => qc.invalidateQueries({ queryKey: ["users"] });
  const add = useMutation({
    mutationFn: () => api("/api/users", { method: "POST", json: draft }),
    onSuccess: () => { toast(`Added ${draft.email} as ${draft.role}`); setDraft({ email: "", name: "", password: "", role: "reviewer" }); void refresh(); },
  });
  const patch = useMutation({
    mutationFn: (v: { user: UserRow; role?: Role; disabled?: boolean }) => api(`/api/users/${v.user.id}`, { method: "PATCH", json: { role: v.role, disabled: v.disabled } }),
    onSuccess: (_r, v) => toast(v.disabled === true ? `Disabled ${v.user.email}: signed out, tokens revoked` : v.disabled === false ? `Enabled ${v.user.email}` : `${v.user.email} is now ${v.role}`),
    onSettled: refresh,
  });
  const remove = useMutation({
    mutationFn: (u: UserRow) => api(`/api/users/${u.id}`, { method: "DELETE" }),
    onSuccess: (_r, u) => toast(`Removed ${u.email}`),
    onSettled: refresh,
  });
  const reset = useMutation({
    mutationFn: (v: { user: UserRow; password: string }) => api(`/api/users/${v.user.id}/password`, { method: "POST", json: { password: v.password } }),
    onSuccess: (_r, v) => { toast(`New password set for ${v.user.email}; their sessions ended`); setResetFor(null); setNewPw(""); },
  });
  const error = add.error ?? patch.error ?? remove.error ?? reset.error;
  if (users.error) return <ErrorNotice error={users.error} />;
  return (
    <Card>
      <CardHeader title="Users" description="viewer reads · reviewer reviews and edits pairs · curator imports, generates, assembles, exports · admin manages users, endpoints and the security log" />
      <DataTable className="w-full min-w-[640px] text-sm" columns={["Name", "Email", "Status", "Role", { label: "Actions", className: "text-right" }]}>
          <tbody>
            {users.data?.users.map((u) => {
              const self = u.id === meId;
              const gone = u.status === "removed";
              return (
                <tr key={u.id} className={`border-b border-zinc-100 dark:border-zinc-800 ${gone ? "text-zinc-400" : ""}`}>
                  <td className="px-4 py-2">{u.name}{self && <span className="ml-1 text-xs text-zinc-500">(you)</span>}</td>
                  <td className="px-4 py-2 text-zinc-500">{u.email}</td>
                  <td className="whitespace-nowrap px-4 py-2"><Badge color={STATUS_COLOR[u.status]}>{u.status.replace("_", " ")}</Badge></td>
                  <td className="w-36 px-4 py-2">
                    <Select value={u.role} disabled={gone} aria-label={`Role of ${u.email}`} onChange={(e) => patch.mutate({ user: u, role: e.target.value as Role })}>
                      {ROLES.map((r) => <option key={r}>{r}</option>)}
                    </Select>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-right">
                    {!gone && (
                      <span className="inline-flex gap-1.5">
                        <Button variant="ghost" onClick={() => { setResetFor(u); setNewPw(""); }} aria-label={`Reset password of ${u.email}`}>Reset password</Button>
                        {!self && (u.status === "disabled"
                          ? <Button variant="secondary" onClick={() => patch.mutate({ user: u, disabled: false })} aria-label={`Enable ${u.email}`}>Enable</Button>
                          : <Button variant="secondary" onClick={() => patch.mutate({ user: u, disabled: true })} aria-label={`Disable ${u.email}`}>Disable</Button>)}
                        {!self && <Button variant="danger" aria-label={`Remove ${u.email}`}
                          onClick={() => { if (confirm(`Remove ${u.email} for good? They can never sign in again; what they did stays attributed to them.`)) remove.mutate(u); }}>Remove</Button>}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
      </DataTable>
      {resetFor && (
        <form className="flex flex-wrap items-center gap-2 border-b border-zinc-100 bg-zinc-50 px-4 py-3 text-sm dark:border-zinc-800 dark:bg-zinc-900/50"
          onSubmit={(e) => { e.preventDefault(); reset.mutate({ user: resetFor, password: newPw }); }}>
          <span>New password for <strong>{resetFor.email}</strong>:</span>
          <div className="w-64"><Input type="password" required minLength={10} autoComplete="new-password" value={newPw} onChange={(e) => setNewPw(e.target.value)} aria-label={`New password for ${resetFor.email}`} placeholder="10+ characters" /></div>
          <Button type="submit" disabled={reset.isPending || newPw.length < 10}>Set password</Button>
          <Button type="button" variant="ghost" onClick={() => setResetFor(null)}>Cancel</Button>
        </form>
      )}
      <form className="grid gap-2 p-4 md:grid-cols-5" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
        <Input type="email" required placeholder="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} aria-label="New user email" />
        <Input placeholder="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-label="New user name" />
        <Input type="password" required placeholder="password (10+ characters)" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} aria-label="New user password" />
        <Select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })} aria-label="New user role">
          {ROLES.map((r) => <option key={r}>{r}</option>)}
        </Select>
        <Button type="submit" disabled={add.isPending}>Add user</Button>
      </form>
      {error && <div className="px-4 pb-4"><ErrorNotice error={error} /></div>}
    </Card>
  );
}
