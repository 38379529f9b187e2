/**
 * The one rule every auth path applies (sessions, API tokens, sign-in, the page gate): an account works only
 * while it has a password, is not disabled and not removed. `u` is the alias of app_user in the query.
 */
export const ACTIVE_USER = `(u.password_hash IS NOT NULL AND u.disabled_at IS NULL AND u.removed_at IS NULL)`;
