import { defineConfig } from "prisma/config";

// Only Prisma's schema tooling (validate, format) uses this: no client is generated, and migrations are plain SQL
// applied by lib/db/migrate.ts
// (the Prisma 7 schema engine is a native download that these machines cannot fetch; see ARCHITECTURE.md).
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/in2" },
});
