/**
 * Next.js calls register() once when the web server starts. The server warms its database connections for the
 * requests a team's first minute is made of (lib/server/warm.ts) in the background: the server takes requests at
 * once, and a database that is not there yet is reported, not fatal. IN2_WARM_POOL=0 turns it off.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.IN2_WARM_POOL === "0" || !process.env.DATABASE_URL) return;
  const { warmServerConnections } = await import("@/lib/server/warm");
  const t0 = Date.now();
  void warmServerConnections().then(
    (n) => console.error(`[db] ${n} pooled connections warmed in ${Date.now() - t0} ms`),
    (err: Error) => console.error(`[db] warming the pool failed: ${err.message}`));
}
