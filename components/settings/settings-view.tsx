"use client";

import type { SessionUser } from "@/lib/auth/roles";
import { AccountCard } from "./account-card";
import { SecurityLogCard } from "./security-log-card";
import { EndpointsCard } from "./endpoints-card";
import { TokensCard } from "./tokens-card";
import { UsersCard } from "./users-card";

const ADMIN_SECTIONS = [["account", "Account & tokens"], ["users", "Users"], ["endpoints", "Endpoints"], ["security-log", "Security log"]] as const;

/** Everyone: their account and tokens. Admins also: users, model endpoints and the security log, one section each. */
export function SettingsView({ me }: { me: SessionUser }) {
  const admin = me.role === "admin";
  return (
    <div className="space-y-6">
      {admin && (
        <nav className="flex gap-1 overflow-x-auto border-b border-zinc-200 text-sm dark:border-zinc-800" aria-label="Settings sections">
          {ADMIN_SECTIONS.map(([id, label]) => (
            <a key={id} href={`#${id}`} className="-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">{label}</a>
          ))}
        </nav>
      )}
      <section id="account" className="scroll-mt-4 space-y-6"><AccountCard /><TokensCard admin={admin} /></section>
      {admin && <section id="users" className="scroll-mt-4"><UsersCard meId={me.id} /></section>}
      {admin && <section id="endpoints" className="scroll-mt-4"><EndpointsCard /></section>}
      {admin && <section id="security-log" className="scroll-mt-4"><SecurityLogCard /></section>}
    </div>
  );
}
