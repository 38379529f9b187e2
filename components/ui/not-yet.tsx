import Link from "next/link";
import { Card } from "./card";
import { EmptyState } from "./feedback";

/** An honest page for a step of the journey that is not built yet: what it will do, and what to do now. */
export function NotYet({ what }: { what: string }) {
  return (
    <Card>
      <EmptyState title="Not available yet">
        {what} is not built yet in this version. Meanwhile, <Link className="text-indigo-600 hover:underline" href="/corpora">import a corpus</Link> and browse its <Link className="text-indigo-600 hover:underline" href="/segments">segments</Link>.
      </EmptyState>
    </Card>
  );
}
