import type { ReactNode, TableHTMLAttributes } from "react";

/** A header cell: its label, or the label with classes of its own ("text-right", "w-48"); "" is an empty cell. */
export type Column = string | { label: string; className?: string };

/**
 * A card's table: scrolls sideways where the screen is narrower than it, with the header row the cards share.
 * `className` sizes the table (default "w-full text-sm"); the rows are the children (a <tbody>).
 */
export function DataTable({ columns, className = "w-full text-sm", children, ...rest }:
  { columns: Column[]; children: ReactNode } & TableHTMLAttributes<HTMLTableElement>) {
  return (
    <div className="overflow-x-auto">
      <table {...rest} className={className}>
        <thead className="text-left text-xs text-zinc-500">
          <tr className="border-b border-zinc-100 dark:border-zinc-800">
            {columns.map((c, i) => {
              const { label, className: extra } = typeof c === "string" ? { label: c, className: undefined } : c;
              return label ? <th key={i} className={`px-4 py-2 font-medium ${extra ?? ""}`.trim()}>{label}</th> : <th key={i} />;
            })}
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}
