-- Accounts: sessions, API tokens, login attempts.
CREATE TABLE "session" (
  "id" TEXT PRIMARY KEY,
  "user_id" INTEGER NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "expires_at" TIMESTAMPTZ(3) NOT NULL,
  "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

CREATE TABLE "api_token" (
  "id" SERIAL PRIMARY KEY,
  "user_id" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  "token_hash" TEXT NOT NULL,
  "prefix" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "last_used_at" TIMESTAMPTZ(3),
  "revoked_at" TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");
CREATE INDEX "api_token_user_id_idx" ON "api_token"("user_id");

CREATE TABLE "login_attempt" (
  "id" SERIAL PRIMARY KEY,
  "email" TEXT NOT NULL,
  "ip" TEXT NOT NULL,
  "success" BOOLEAN NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "login_attempt_email_created_at_idx" ON "login_attempt"("email", "created_at");
CREATE INDEX "login_attempt_ip_created_at_idx" ON "login_attempt"("ip", "created_at");
