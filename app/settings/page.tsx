"use client";

import { SettingsView } from "@/components/settings/settings-view";
import { useMeQuery } from "@/components/hooks/use-me-query";
import { PageHeader } from "@/components/ui/page-header";

export default function SettingsPage() {
  const me = useMeQuery();
  return (
    <>
      <PageHeader title="Settings" description={me.data?.user ? `Signed in as ${me.data.user.email} (${me.data.user.role}).` : undefined} />
      {me.data?.user && <SettingsView me={me.data.user} />}
    </>
  );
}
