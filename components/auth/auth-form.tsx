"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorNotice } from "@/components/ui/feedback";
import { Field, Input } from "@/components/ui/fields";
import { api } from "@/lib/client/fetch";

/** The sign-in form, and on a fresh install the form that creates the admin account. */
export function AuthForm({ mode }: { mode: "login" | "setup" }) {
  const router = useRouter();
  const next = useSearchParams().get("next");
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/auth/${mode}`, { method: "POST", json: mode === "setup" ? { email, name, password } : { email, password } });
      // only same-site paths: an open redirect would send people elsewhere after signing in
      router.replace(next && next.startsWith("/") && !next.startsWith("//") ? next : "/");
      router.refresh();
    } catch (err) {
      setError(err as Error);
      setBusy(false);
    }
  };
  return (
    <div className="mx-auto mt-16 max-w-sm">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
        <span className="grid h-7 w-7 place-items-center rounded bg-indigo-600 text-xs font-bold text-white">IN2</span> IN2 Studio
      </div>
      <Card className="p-6">
        <h1 className="text-base font-semibold">{mode === "setup" ? "Create the admin account" : "Sign in"}</h1>
        <p className="mt-1 text-sm text-zinc-500">
          {mode === "setup" ? "This is a fresh install: the first account administers users and settings." : "Use the account an admin gave you."}
        </p>
        <form className="mt-5 space-y-4" onSubmit={submit}>
          <Field label="Email"><Input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} aria-label="Email" /></Field>
          {mode === "setup" && <Field label="Name"><Input value={name} onChange={(e) => setName(e.target.value)} aria-label="Name" /></Field>}
          <Field label="Password" hint={mode === "setup" ? "At least 10 characters" : undefined}>
            <Input type="password" autoComplete={mode === "setup" ? "new-password" : "current-password"} required value={password} onChange={(e) => setPassword(e.target.value)} aria-label="Password" />
          </Field>
          {error && <ErrorNotice error={error} />}
          <Button type="submit" className="w-full" disabled={busy}>{mode === "setup" ? "Create account and sign in" : "Sign in"}</Button>
        </form>
      </Card>
    </div>
  );
}
