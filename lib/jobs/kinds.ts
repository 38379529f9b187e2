// Every job kind a worker can run: importing this module registers them all (see lib/jobs/define.ts).
import "@/lib/corpus/import-job";
import "@/lib/corpus/search-index-job";
import "@/lib/probe/run-job";
import "@/lib/generate/generate-job";
import "@/lib/export/export-job";
import "@/lib/contexts/assemble-job";
import "@/lib/verify/verify-job";
