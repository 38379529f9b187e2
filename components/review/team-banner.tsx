import Link from "next/link";

/** Shown above the queue when it is an audit's sample (/review?audit=ID). */
export function TeamBanner({ audit }: { audit: number }) {
  return (
    <p className="rounded-md border border-indigo-200 bg-indigo-50 px-3 py-1.5 text-xs text-indigo-900 dark:border-indigo-900 dark:bg-indigo-500/10 dark:text-indigo-200" data-testid="audit-banner">
      Reviewing the sample of <Link className="font-medium underline" href={`/audits/${audit}`}>audit #{audit}</Link> — only its pairs are served.
      Decide each one as usual; the audit page estimates the slice&apos;s accept rate from your decisions.
    </p>
  );
}

/** An agreement overlap pair: two reviewers decide it, neither sees the other's decision. */
export function BlindBadge() {
  return (
    <p className="inline-flex items-center gap-1 rounded border border-amber-300 bg-amber-50 px-2 py-0.5 text-xs text-amber-900 underline decoration-dotted dark:border-amber-800 dark:bg-amber-500/10 dark:text-amber-200" data-testid="blind-badge"
      title="This pair is part of the agreement overlap: a second reviewer decides it too, blind to your decision. It is decided when both agree; otherwise it goes to adjudication.">
      Blind double review
    </p>
  );
}
