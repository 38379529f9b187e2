"use client";

import Link from "next/link";
import { LogOut } from "lucide-react";
import { useMeQuery } from "@/components/hooks/use-me-query";
import { api } from "@/lib/client/fetch";

export function UserMenu() {
  const { data } = useMeQuery();
  if (!data?.user) return null;
  const signOut = async () => {
    await api("/api/auth/logout", { method: "POST" });
    window.location.assign("/login");
  };
  return (
    <div className="flex items-center gap-2 text-xs text-zinc-500">
      <Link href="/settings" prefetch={false} className="hidden hover:text-zinc-900 sm:inline dark:hover:text-zinc-100">{data.user.name} · {data.user.role}</Link>
      <button type="button" onClick={() => void signOut()} aria-label="Sign out" className="rounded p-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"><LogOut size={14} aria-hidden /></button>
    </div>
  );
}
