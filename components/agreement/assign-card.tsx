"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/fields";
import { api } from "@/lib/client/fetch";
import { fmtInt } from "@/lib/client/format";
import { PAIR_TYPES } from "@/lib/pairs/schemas";

interface Person { id: number; name: string; email: string; role: string; status: string }

/** Admins only: split a slice's pending pairs among chosen reviewers (their queue serves them those pairs alone). */
export function AssignCard() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: ["users"], queryFn: () => api<{ users: Person[] }>("/api/users"), retry: false });
  const [chosen, setChosen] = useState<number[]>([]);
  const [type, setType] = useState("");
  const [model, setModel] = useState("");
  const [days, setDays] = useState("7");
  const [message, setMessage] = useState<string | null>(null);
  const assign = useMutation({
    mutationFn: () => api<{ assigned: Record<string, number> }>("/api/review/assign", { method: "POST",
      json: { userIds: chosen, days: Number(days), filter: { ...(type ? { type } : {}), ...(model ? { model } : {}) } } }),
    onSettled: () => client.invalidateQueries({ queryKey: ["pairs"] }),
  });
  if (users.error) return null; // not an admin: nothing to assign
  const people = (users.data?.users ?? []).filter((u) => u.status === "active" && u.role !== "viewer");
  return (
    <Card>
      <CardHeader title="Assign a slice" description="The slice's pending pairs that nobody holds are split evenly among the people you pick; only they are served them until the assignment runs out." />
      <form className="flex flex-wrap items-end gap-3 p-4" aria-label="Assign a slice" onSubmit={(e) => {
        e.preventDefault(); setMessage(null);
        assign.mutate(undefined, { onSuccess: (r) => setMessage(`Assigned: ${people.filter((p) => chosen.includes(p.id)).map((p) => `${p.name} ${fmtInt(r.assigned[String(p.id)] ?? 0)}`).join(" · ")}.`), onError: (err) => setMessage(err.message) });
      }}>
        <fieldset className="flex flex-wrap gap-2 text-sm"><legend className="mb-1 text-xs font-medium text-zinc-600 dark:text-zinc-400">People</legend>
          {people.map((p) => (
            <label key={p.id} className="flex items-center gap-1">
              <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))} />{p.name}
            </label>
          ))}
        </fieldset>
        <Field label="Type"><Select value={type} onChange={(e) => setType(e.target.value)}><option value="">any</option>{PAIR_TYPES.map((t) => <option key={t}>{t}</option>)}</Select></Field>
        <Field label="Model"><Input className="w-40" value={model} onChange={(e) => setModel(e.target.value)} placeholder="any" /></Field>
        <Field label="Days"><Input className="w-20" type="number" min="1" max="90" value={days} onChange={(e) => setDays(e.target.value)} /></Field>
        <Button type="submit" disabled={!chosen.length || assign.isPending}>Assign</Button>
        {message && <span role="status" className="text-sm text-zinc-700 dark:text-zinc-300">{message}</span>}
      </form>
    </Card>
  );
}
