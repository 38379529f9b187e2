-- A job's history for `in2 jobs logs`: one row each time its status changes, with the message and error of that
-- moment. Written by a trigger, so every path that changes a job (runner, cancel, resume, retry, sweep, a future
-- one) is recorded without having to remember to; progress updates do not change the status and add nothing.
CREATE TABLE "job_event" (
  "id" BIGSERIAL PRIMARY KEY,
  "job_id" INTEGER NOT NULL REFERENCES "job"("id") ON DELETE CASCADE,
  "status" "JobStatus" NOT NULL,
  "message" TEXT,
  "error" TEXT,
  "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "job_event_job_id_id_idx" ON "job_event"("job_id", "id");

CREATE FUNCTION in2_job_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
    INSERT INTO job_event (job_id, status, message, error) VALUES (NEW.id, NEW.status, NEW.message, NEW.error);
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER job_event_on_change AFTER INSERT OR UPDATE OF status ON "job"
  FOR EACH ROW EXECUTE FUNCTION in2_job_event();
