"use client";

import { TokensCard } from "@/components/settings/tokens-card";
import { UsersCard } from "@/components/settings/users-card";
import { useMeQuery } from "@/components/hooks/use-me-query";
import { PageHeader } from "@/components/ui/page-header";

export default function SettingsPage() {
  const me = useMeQuery();
  return (
    <>
      <PageHeader title="Settings" description={me.data?.user ? `Signed in as ${me.data.user.email} (${me.data.user.role}).` : undefined} />
      <div className="space-y-6">
        <TokensCard />
        {me.data?.user?.role === "admin" && <UsersCard />}
      </div>
    </>
  );
}
