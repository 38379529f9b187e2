#!/usr/bin/env node
// The `in2` command: a thin shell that runs cli/main.ts (TypeScript, through tsx) from the project root.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.IN2_ROOT ??= root;
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(pathToFileURL(path.join(root, "cli", "main.ts")).href);
process.exitCode = await main(process.argv.slice(2));
