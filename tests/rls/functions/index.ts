/**
 * Every function `authenticated` may execute, one entry each (`app/<function>.ts`, one line here).
 * A new user-callable function = a new file in ./app (copy the closest one) + one line here; the
 * guard in ../functions.test.ts fails until both exist.
 */
export { default as bind_roster } from './app/bind_roster'
export { default as decide_binding_review } from './app/decide_binding_review'
export { default as delete_my_account } from './app/delete_my_account'
export { default as idempotency_begin } from './app/idempotency_begin'
export { default as idempotency_finish } from './app/idempotency_finish'
export { default as my_college } from './app/my_college'
export { default as my_company } from './app/my_company'
export { default as my_role } from './app/my_role'
export { default as my_school } from './app/my_school'
export { default as reveal_my_id_card } from './app/reveal_my_id_card'
export { default as roster_numbers_outside_scope } from './app/roster_numbers_outside_scope'
export { default as set_avatar } from './app/set_avatar'
export { default as staff_covers } from './app/staff_covers'
export { default as submit_binding_review } from './app/submit_binding_review'
export { default as unbind_roster } from './app/unbind_roster'
export { default as verify_company } from './app/verify_company'
export { default as withdraw_binding_review } from './app/withdraw_binding_review'
