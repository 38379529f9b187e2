-- The job kind's definition version a job was enqueued under (JobDefinition.version), so a worker that was
-- upgraded meanwhile can tell whether it may resume the job's recorded steps. Null for jobs enqueued before:
-- the first claim stamps the claiming worker's version.
ALTER TABLE "job" ADD COLUMN "definition_version" INTEGER;
