-- Security hardening: account lifecycle (disabled / removed), token expiry, model endpoints managed by admins
-- (keys encrypted with the server secret), an audit log, and probe runs that name an endpoint.
ALTER TABLE "app_user" ADD COLUMN "disabled_at" TIMESTAMPTZ(3);
ALTER TABLE "app_user" ADD COLUMN "removed_at" TIMESTAMPTZ(3);

ALTER TABLE "api_token" ADD COLUMN "expires_at" TIMESTAMPTZ(3);

CREATE INDEX "session_expires_at_idx" ON "session"("expires_at");
CREATE INDEX "login_attempt_created_at_idx" ON "login_attempt"("created_at");

CREATE TABLE "model_endpoint" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "base_url" TEXT NOT NULL,
  "models" TEXT[] NOT NULL DEFAULT '{}',
  "key_cipher" TEXT,
  "key_last4" TEXT,
  "allow_private" BOOLEAN NOT NULL DEFAULT false,
  "created_by_id" INTEGER,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "model_endpoint_name_key" ON "model_endpoint"("name");

CREATE TABLE "audit_event" (
  "id" BIGSERIAL PRIMARY KEY,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "actor_id" INTEGER,
  "actor_email" TEXT,
  "action" TEXT NOT NULL,
  "target" TEXT,
  "ip" TEXT,
  "detail" JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX "audit_event_action_id_idx" ON "audit_event"("action", "id");

ALTER TABLE "probe_run" ADD COLUMN "endpoint" TEXT;
