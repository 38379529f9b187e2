import type { ReactNode } from "react";
import { Card, CardHeader } from "./card";
import { ErrorNotice } from "./feedback";

/**
 * A card holding one form: header, fields in two columns on wider screens, the request's error under them, and
 * `after` below the form (e.g. the started job's progress). Submitting calls `onSubmit` (the page does not reload).
 */
export function FormCard({ title, description, onSubmit, error, after, children }:
  { title: ReactNode; description?: ReactNode; onSubmit: () => void; error?: unknown; after?: ReactNode; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <form onSubmit={(e) => { e.preventDefault(); onSubmit(); }} className="grid gap-3 p-4 sm:grid-cols-2">
        {children}
        {error ? <div className="sm:col-span-2"><ErrorNotice error={error} /></div> : null}
      </form>
      {after}
    </Card>
  );
}
