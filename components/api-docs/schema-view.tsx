import type { ReactNode } from "react";

/** A JSON Schema (from zod) as a compact, readable type: `{ name*: string (1–200), seed: integer = 0, … }`. */
type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[];
  anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; default?: unknown; description?: string; const?: unknown;
  minimum?: number; maximum?: number; exclusiveMinimum?: number; minLength?: number; maxLength?: number; minItems?: number; maxItems?: number;
  pattern?: string; format?: string; additionalProperties?: Schema | boolean;
};

const SAFE_MAX = 9007199254740991;

/** Bounds worth reading (the ±2^53 that zod gives every integer is noise). */
export function constraints(s: Schema): string[] {
  const out: string[] = [];
  const min = s.minimum !== undefined && s.minimum !== -SAFE_MAX ? `≥ ${s.minimum}` : s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : undefined;
  const max = s.maximum !== undefined && s.maximum !== SAFE_MAX ? `≤ ${s.maximum}` : undefined;
  if (min || max) out.push([min, max].filter(Boolean).join(", "));
  if (s.minLength !== undefined || s.maxLength !== undefined) out.push(`${s.minLength ?? 0}–${s.maxLength ?? "∞"} chars`);
  if (s.minItems !== undefined || s.maxItems !== undefined) out.push(`${s.minItems ?? 0}–${s.maxItems ?? "∞"} items`);
  if (s.pattern) out.push(`/${s.pattern}/`);
  if (s.format) out.push(s.format);
  return out;
}

export function typeLabel(s: Schema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map(typeLabel).join(" | ");
  if (s.allOf) return s.allOf.map(typeLabel).join(" & ");
  if (s.type === "array") return `${s.items ? typeLabel(s.items) : "any"}[]`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return s.type ?? "any";
}

export function SchemaView({ schema, depth = 0 }: { schema: Schema; depth?: number }): ReactNode {
  const merged: Schema = schema.allOf && schema.allOf.every((p) => p.type === "object")
    ? { type: "object", properties: Object.assign({}, ...schema.allOf.map((p) => p.properties)), required: schema.allOf.flatMap((p) => p.required ?? []) }
    : schema;
  const objectOf = merged.type === "object" ? merged : merged.type === "array" && merged.items?.type === "object" ? merged.items : undefined;
  if (!objectOf?.properties || depth > 4) {
    return <code className="font-mono text-xs text-indigo-700 dark:text-indigo-300">{typeLabel(merged)}</code>;
  }
  const required = new Set(objectOf.required ?? []);
  return (
    <div className={depth ? "mt-1 border-l border-zinc-200 pl-3 dark:border-zinc-700" : ""}>
      {merged.type === "array" && <div className="font-mono text-xs text-zinc-500">array of</div>}
      <ul className="space-y-1">
        {Object.entries(objectOf.properties).map(([name, prop]) => {
          const nested = prop.type === "object" || (prop.type === "array" && prop.items?.type === "object") || prop.allOf;
          return (
            <li key={name} className="text-xs">
              <span className="font-mono font-medium">{name}</span>
              {required.has(name) ? <span className="text-red-600" title="required"> *</span> : <span className="text-zinc-400">?</span>}
              {!nested && <>{": "}<code className="font-mono text-indigo-700 dark:text-indigo-300">{typeLabel(prop)}</code></>}
              {constraints(prop).map((c) => <span key={c} className="ml-2 text-zinc-500">{c}</span>)}
              {prop.default !== undefined && <span className="ml-2 text-zinc-500">= {JSON.stringify(prop.default)}</span>}
              {prop.description && <span className="ml-2 text-zinc-500">— {prop.description}</span>}
              {nested && <SchemaView schema={prop} depth={depth + 1} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
