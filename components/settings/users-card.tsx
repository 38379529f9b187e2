"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice } from "@/components/ui/feedback";
import { Input, Select } from "@/components/ui/fields";
import { ROLES, type Role, type SessionUser } from "@/lib/auth/roles";
import { api } from "@/lib/client/fetch";
import { toast } from "@/components/ui/toast";

/** Admins add people and set their role (viewer < reviewer < curator < admin). */
export function UsersCard() {
  const qc = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => api<{ users: (SessionUser & { canSignIn: boolean })[] }>("/api/users") });
  const [draft, setDraft] = useState({ email: "", name: "", password: "", role: "reviewer" as Role });
  const add = useMutation({
    mutationFn: () => api("/api/users", { method: "POST", json: draft }),
    onSuccess: () => { toast(`Added ${draft.email} as ${draft.role}`); setDraft({ email: "", name: "", password: "", role: "reviewer" }); void qc.invalidateQueries({ queryKey: ["users"] }); },
  });
  const setRole = useMutation({
    mutationFn: (v: { id: number; role: Role }) => api(`/api/users/${v.id}`, { method: "PATCH", json: { role: v.role } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ["users"] }),
  });
  if (users.error) return <ErrorNotice error={users.error} />;
  return (
    <Card>
      <CardHeader title="Users" description="viewer reads · reviewer reviews and edits pairs · curator imports, generates, assembles, exports · admin manages users" />
      <table className="w-full text-sm">
        <tbody>
          {users.data?.users.filter((u) => u.canSignIn).map((u) => (
            <tr key={u.id} className="border-b border-zinc-100 dark:border-zinc-800">
              <td className="px-4 py-2">{u.name}</td><td className="px-4 py-2 text-zinc-500">{u.email}</td>
              <td className="w-40 px-4 py-2">
                <Select value={u.role} aria-label={`Role of ${u.email}`} onChange={(e) => setRole.mutate({ id: u.id, role: e.target.value as Role })}>
                  {ROLES.map((r) => <option key={r}>{r}</option>)}
                </Select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="grid gap-2 p-4 md:grid-cols-5" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
        <Input type="email" required placeholder="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} aria-label="New user email" />
        <Input placeholder="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-label="New user name" />
        <Input type="password" required placeholder="password (10+ characters)" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} aria-label="New user password" />
        <Select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })} aria-label="New user role">
          {ROLES.map((r) => <option key={r}>{r}</option>)}
        </Select>
        <Button type="submit" disabled={add.isPending}>Add user</Button>
      </form>
      {(add.error || setRole.error) && <div className="px-4 pb-4"><ErrorNotice error={add.error ?? setRole.error} /></div>}
    </Card>
  );
}
