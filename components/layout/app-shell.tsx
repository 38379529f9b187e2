"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { Toaster } from "@/components/ui/toast";
import { RunningJobs } from "./running-jobs";
import { NAV_ITEMS } from "./nav-items";
import { ThemeToggle } from "./theme-toggle";

export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const active = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  // Prefetch only the next step of the journey (a page's RSC payload costs a request per link per page view);
  // every other page loads on click, which is fast enough for a local server.
  const here = NAV_ITEMS.findIndex((n) => active(n.href));
  const nextHref = NAV_ITEMS[here + 1]?.href;
  if (pathname === "/login" || pathname === "/setup") return <main className="px-4">{children}</main>;
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 hidden h-screen w-52 shrink-0 flex-col border-r border-zinc-200 bg-white px-3 py-4 md:flex dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/" prefetch={false} className="mb-6 flex items-center gap-2 px-2 text-[15px] font-semibold tracking-tight">
          <span className="grid h-6 w-6 place-items-center rounded bg-indigo-600 text-[11px] font-bold text-white">IN2</span>
          IN2 Studio
        </Link>
        <nav aria-label="Main" className="flex flex-col gap-0.5 text-sm">
          {NAV_ITEMS.map(({ href, label, icon: Icon }) => (
            <Link
              key={href}
              href={href}
              prefetch={href === nextHref}
              aria-current={active(href) ? "page" : undefined}
              className={`flex items-center gap-2 rounded-md px-2 py-1.5 ${active(href)
                ? "bg-indigo-50 font-medium text-indigo-700 dark:bg-indigo-500/10 dark:text-indigo-300"
                : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"}`}
            >
              <Icon size={15} aria-hidden />
              {label}
            </Link>
          ))}
        </nav>
        <p className="mt-auto px-2 text-[11px] leading-snug text-zinc-400">Demo corpus: C4 / allenai, ODC-By 1.0</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-20 flex h-12 items-center gap-3 border-b border-zinc-200 bg-white/90 px-4 backdrop-blur dark:border-zinc-800 dark:bg-zinc-900/90">
          <nav aria-label="Main (compact)" className="flex min-w-0 flex-1 gap-3 overflow-x-auto whitespace-nowrap text-sm md:hidden">
            {NAV_ITEMS.map(({ href, label }) => (
              <Link key={href} href={href} prefetch={false} className={active(href) ? "font-medium text-indigo-600" : "text-zinc-500"}>{label}</Link>
            ))}
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-3">
            <RunningJobs />
            <ThemeToggle />
            <UserMenu />
          </div>
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-8">{children}</main>
      </div>
      <Toaster />
    </div>
  );
}
