// Entry of the import's segmentation thread (lib/corpus/segment-pool.ts): a worker thread does not inherit the
// parent's TypeScript loader, so it registers tsx against the project's tsconfig (for the @/ paths) first.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
register({ tsconfig: path.join(root, "tsconfig.json") });
await import(pathToFileURL(path.join(root, "lib", "corpus", "segment-thread-body.ts")).href);
