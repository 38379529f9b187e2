const nf = new Intl.NumberFormat("en-US");

export function fmtInt(n: number | null | undefined): string {
  return n === null || n === undefined ? "–" : nf.format(n);
}

export function fmtBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function fmtDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

export function fmtTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "–";
}

const JOB_KINDS: Record<string, string> = {
  import: "Import", "search-index": "Search index", generate: "Generation", verify: "Verification", assemble: "Assembly",
  "assemble-share": "Assembly share", export: "Export", "probe-run": "Probe",
};

/** Every job is named the same way everywhere: its kind in words and its job id ("Export job #7"). */
export function jobLabel(job: { kind: string; id: number }): string {
  return `${JOB_KINDS[job.kind] ?? job.kind} job #${job.id}`;
}

/** "1 corpus", "2 corpora": a count with its noun. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}
