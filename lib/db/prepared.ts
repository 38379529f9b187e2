import { createHash } from "node:crypto";
import type pg from "pg";

/**
 * A named prepared statement for a hot query (the session check of every request; queue page, decision, table page). `pair` carries ~40
 * indexes (facets, one partial index per quality code and verdict, three GIN), so planning a pair query costs
 * more than running it (4–19 ms vs ~1 ms at 10M segments / 2M pairs under load). A named statement is parsed
 * once per connection, and after five executions Postgres keeps its generic plan when that costs no more than
 * the custom ones (plan_cache_mode = auto), so the statement is no longer re-planned per call.
 *
 * The name is a hash of the text, so the same SQL shares one statement per connection whatever its values.
 * Values that decide which partial index applies (status, quality code, LIMIT) must be written into the text as
 * literals, never passed as parameters: a generic plan cannot prove a partial index's predicate from a `$n`.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  return { name: `in2_${createHash("sha1").update(text).digest("base64url").slice(0, 24)}`, text, values };
}

/**
 * Runs of a named statement that take it past PostgreSQL's five custom plans (plan_cache_mode auto): by then it has
 * built the generic plan and chosen between the two, so warming a connection (lib/server/warm.ts) runs it this often.
 */
export const RUNS_PAST_CUSTOM_PLANS = 6;

/** A SQL string literal of a value the caller has validated (an enum member, a `[a-z_]+` code). */
export function literal(v: string): string {
  return `'${v.replace(/'/g, "''")}'`;
}
