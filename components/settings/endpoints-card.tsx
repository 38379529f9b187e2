"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useEndpointsQuery } from "@/components/hooks/use-endpoints-query";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Badge, ErrorNotice } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { toast } from "@/components/ui/toast";
import { api } from "@/lib/client/fetch";
import type { EndpointRow } from "@/lib/endpoints/store";

const EMPTY = { name: "", baseUrl: "", models: "", apiKey: "", allowPrivate: false };

/**
 * Model endpoints that probe runs and generation name. The key is write-only: stored encrypted, shown as its last
 * 4 characters. Loopback and private addresses (a local vLLM or Ollama) need the explicit allowance.
 */
export function EndpointsCard() {
  const qc = useQueryClient();
  const endpoints = useEndpointsQuery();
  const [draft, setDraft] = useState(EMPTY);
  const [editing, setEditing] = useState<EndpointRow | null>(null);
  const [keepKey, setKeepKey] = useState(true);
  const refresh = () => qc.invalidateQueries({ queryKey: ["endpoints"] });
  const body = () => ({
    name: draft.name.trim(), baseUrl: draft.baseUrl.trim(), allowPrivate: draft.allowPrivate,
    models: draft.models.split(/[\s,]+/).map((m) => m.trim()).filter(Boolean),
    ...(editing && keepKey && !draft.apiKey ? {} : { apiKey: draft.apiKey || null }),
  });
  const save = useMutation({
    mutationFn: () => editing
      ? api(`/api/endpoints/${editing.id}`, { method: "PATCH", json: body() })
      : api("/api/endpoints", { method: "POST", json: body() }),
    onSuccess: () => { toast(`${editing ? "Saved" : "Added"} endpoint ${draft.name}`); setDraft(EMPTY); setEditing(null); setKeepKey(true); void refresh(); },
  });
  const remove = useMutation({
    mutationFn: (ep: EndpointRow) => api(`/api/endpoints/${ep.id}`, { method: "DELETE" }),
    onSuccess: (_r, ep) => toast(`Removed endpoint ${ep.name}`),
    onSettled: refresh,
  });
  const edit = (ep: EndpointRow) => {
    setEditing(ep);
    setKeepKey(true);
    setDraft({ name: ep.name, baseUrl: ep.baseUrl, models: ep.models.join(", "), apiKey: "", allowPrivate: ep.allowPrivate });
  };
  return (
    <Card>
      <CardHeader title="Model endpoints" description="OpenAI-compatible servers for probe runs and generation. Keys are stored encrypted with the server secret and never shown again; curators pick endpoints by name." />
      {endpoints.data && !endpoints.data.endpoints.length && <p className="px-4 pt-3 text-sm text-zinc-500">No endpoint yet — add one below (set OPENAI_API_KEY / OPENAI_BASE_URL on the server for a built-in “default”).</p>}
      <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {endpoints.data?.endpoints.map((ep) => (
          <li key={ep.name} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
            <span className="font-medium">{ep.name}</span>
            <code className="min-w-0 break-all font-mono text-xs text-zinc-500">{ep.baseUrl}</code>
            {ep.builtin && <Badge color="indigo">from the environment</Badge>}
            {ep.allowPrivate && !ep.builtin && <Badge color="amber">private addresses allowed</Badge>}
            <span className="text-xs text-zinc-500">{ep.hasKey ? `key …${ep.keyLast4}` : "no key"} · {ep.models.length ? ep.models.join(", ") : "any model"}</span>
            {!ep.builtin && (
              <span className="ml-auto inline-flex gap-1.5">
                <Button variant="ghost" onClick={() => edit(ep)} aria-label={`Edit endpoint ${ep.name}`}>Edit</Button>
                <Button variant="danger" onClick={() => { if (confirm(`Remove endpoint ${ep.name}? Runs that name it can no longer resume.`)) remove.mutate(ep); }} aria-label={`Remove endpoint ${ep.name}`}>Remove</Button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <form className="grid gap-3 border-t border-zinc-100 p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-zinc-800" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <Field label="Name" hint="letters, digits, . _ -"><Input required maxLength={64} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} aria-label="Endpoint name" placeholder="local-vllm" /></Field>
        <Field label="Base URL" hint="http(s) only"><Input required value={draft.baseUrl} onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })} aria-label="Endpoint base URL" placeholder="http://127.0.0.1:8000/v1" /></Field>
        <Field label="Models" hint="comma-separated; empty = any"><Input value={draft.models} onChange={(e) => setDraft({ ...draft, models: e.target.value })} aria-label="Endpoint models" placeholder="In2Training/FILM-7B" /></Field>
        <Field label="API key" hint={editing ? (editing.hasKey ? `stored: …${editing.keyLast4}; empty keeps it` : "none stored") : "optional; local servers need none"}>
          <Input type="password" autoComplete="off" value={draft.apiKey} onChange={(e) => setDraft({ ...draft, apiKey: e.target.value })} aria-label="Endpoint API key" />
        </Field>
        <label className="flex items-center gap-2 text-sm sm:col-span-2">
          <input type="checkbox" checked={draft.allowPrivate} onChange={(e) => setDraft({ ...draft, allowPrivate: e.target.checked })} aria-label="Allow loopback and private addresses" />
          Allow loopback and private addresses (a server on this machine or the lab network)
        </label>
        {editing?.hasKey && (
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" checked={!keepKey} onChange={(e) => setKeepKey(!e.target.checked)} aria-label="Remove the stored key" /> Remove the stored key
          </label>
        )}
        <div className="flex gap-2 sm:col-span-2 lg:col-span-4">
          <Button type="submit" disabled={save.isPending || !draft.name.trim() || !draft.baseUrl.trim()}>{editing ? "Save endpoint" : "Add endpoint"}</Button>
          {editing && <Button type="button" variant="ghost" onClick={() => { setEditing(null); setDraft(EMPTY); }}>Cancel</Button>}
        </div>
      </form>
      {(save.error || remove.error || endpoints.error) && <div className="px-4 pb-4"><ErrorNotice error={save.error ?? remove.error ?? endpoints.error} /></div>}
    </Card>
  );
}
