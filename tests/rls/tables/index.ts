/**
 * Every public table's RLS matrix entry, one line each. A new table = a new file in this folder
 * (copy the closest existing one) + one line here; the guard test fails until both exist.
 */
export { default as app_users } from './app_users'
export { default as binding_attempts } from './binding_attempts'
export { default as binding_reviews } from './binding_reviews'
export { default as companies } from './companies'
export { default as event_staff } from './event_staff'
export { default as events } from './events'
export { default as idempotency_keys } from './idempotency_keys'
export { default as login_failures } from './login_failures'
export { default as messages } from './messages'
export { default as password_credentials } from './password_credentials'
export { default as privacy_settings } from './privacy_settings'
export { default as rate_limit_hits } from './rate_limit_hits'
export { default as refresh_tokens } from './refresh_tokens'
export { default as roster_entries } from './roster_entries'
export { default as schools } from './schools'
export { default as student_profiles } from './student_profiles'
export { default as wechat_access_tokens } from './wechat_access_tokens'
export { default as wechat_identities } from './wechat_identities'
