"use client";

import { TriangleAlert } from "lucide-react";
import { Field, Input, Select } from "@/components/ui/fields";
import { COMMON_LICENSES } from "@/lib/corpus/license-choices";

/** "unknown", a common choice's id, or SPDX for an id typed in `spdx`. */
export interface LicenseValue { choice: string; spdx: string }

/** The licence a form sends: undefined when unknown (the import then keeps the corpus's or reads the source's). */
export function licenseOf(v: LicenseValue): string | undefined {
  if (v.choice === "spdx") return v.spdx.trim() || undefined;
  return v.choice === "unknown" ? undefined : v.choice;
}

/**
 * The source text's licence at import (issue 16: a Hub export's dataset card states it). "Unknown" is allowed,
 * with a warning that says what it means and how to set it later.
 */
export function LicenseField({ value, onChange }: { value: LicenseValue; onChange: (v: LicenseValue) => void }) {
  const unknown = licenseOf(value) === undefined;
  return (
    <Field label="Licence of the source text" hint="Stated on the dataset card of a Hub export">
      <Select value={value.choice} onChange={(e) => onChange({ ...value, choice: e.target.value })} aria-label="Licence">
        <option value="unknown">Unknown — set it later</option>
        {COMMON_LICENSES.map((l) => <option key={l.id} value={l.id}>{l.label}</option>)}
        <option value="spdx">Another SPDX id…</option>
      </Select>
      {value.choice === "spdx" && (
        <Input className="mt-2" value={value.spdx} onChange={(e) => onChange({ ...value, spdx: e.target.value })}
          placeholder="e.g. CC-BY-NC-4.0" aria-label="SPDX licence id" />
      )}
      {unknown && (
        <p role="status" className="mt-2 flex gap-1.5 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-900">
          <TriangleAlert size={14} className="mt-px shrink-0" aria-hidden />
          <span>Licence unknown: a corpus that already has one keeps it, otherwise the dataset card will say “unknown”. Set it later with <code className="font-mono">in2 license CORPUS ID</code>.</span>
        </p>
      )}
    </Field>
  );
}
