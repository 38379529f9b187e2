"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorNotice } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { toast } from "@/components/ui/toast";
import { api } from "@/lib/client/fetch";

/** The signed-in user's own account: change the password (other sessions end), sign out everywhere. */
export function AccountCard() {
  const [pw, setPw] = useState({ current: "", next: "", again: "" });
  const mismatch = pw.again !== "" && pw.next !== pw.again;
  const change = useMutation({
    mutationFn: () => api("/api/auth/password", { method: "POST", json: { current: pw.current, next: pw.next } }),
    onSuccess: () => { toast("Password changed; your other sessions were signed out"); setPw({ current: "", next: "", again: "" }); },
  });
  const everywhere = useMutation({
    mutationFn: () => api<{ ended: number }>("/api/auth/sessions", { method: "DELETE" }),
    onSuccess: () => window.location.assign("/login"),
  });
  return (
    <Card>
      <CardHeader title="Your account" description="Changing the password signs out your other sessions. API tokens keep working until revoked."
        actions={<Button variant="secondary" onClick={() => { if (confirm("Sign out of every browser, this one included?")) everywhere.mutate(); }} disabled={everywhere.isPending}>Sign out everywhere</Button>} />
      <form className="grid gap-3 p-4 sm:grid-cols-4 sm:items-end" onSubmit={(e) => { e.preventDefault(); if (!mismatch) change.mutate(); }}>
        <Field label="Current password"><Input type="password" required autoComplete="current-password" value={pw.current} onChange={(e) => setPw({ ...pw, current: e.target.value })} aria-label="Current password" /></Field>
        <Field label="New password" hint="10+ characters"><Input type="password" required minLength={10} autoComplete="new-password" value={pw.next} onChange={(e) => setPw({ ...pw, next: e.target.value })} aria-label="New password" /></Field>
        <Field label="New password again" hint={mismatch ? <span className="text-red-600">does not match</span> : undefined}><Input type="password" required autoComplete="new-password" value={pw.again} onChange={(e) => setPw({ ...pw, again: e.target.value })} aria-label="New password again" /></Field>
        <Button type="submit" disabled={change.isPending || mismatch || !pw.current || !pw.next}>Change password</Button>
      </form>
      {(change.error || everywhere.error) && <div className="px-4 pb-4"><ErrorNotice error={change.error ?? everywhere.error} /></div>}
    </Card>
  );
}
