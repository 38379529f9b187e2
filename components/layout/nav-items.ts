import { BookOpen, ClipboardCheck, Scale, Users, Cpu, Download, FileStack, Gauge, Layers, LayoutDashboard, ListChecks, Radar, Settings, Table2 } from "lucide-react";

/** The left navigation, in the order of the journey through the app. */
export const NAV_ITEMS = [
  { href: "/", label: "Dashboard", icon: LayoutDashboard },
  { href: "/corpora", label: "Corpora", icon: BookOpen },
  { href: "/documents", label: "Documents", icon: FileStack },
  { href: "/segments", label: "Segments", icon: Layers },
  { href: "/generate", label: "Generate", icon: Cpu },
  { href: "/review", label: "Review", icon: ClipboardCheck },
  { href: "/pairs", label: "Pairs", icon: Table2 },
  { href: "/audits", label: "Audits", icon: Scale },
  { href: "/agreement", label: "Agreement", icon: Users },
  { href: "/contexts", label: "Contexts", icon: Gauge },
  { href: "/export", label: "Export", icon: Download },
  { href: "/probe", label: "Probe", icon: Radar },
  { href: "/jobs", label: "Jobs", icon: ListChecks },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;
