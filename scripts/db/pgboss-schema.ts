/**
 * The pg-boss schema as our migration pins it: the library's construction SQL for our version,
 * without its own BEGIN/COMMIT and session settings (our migration runner, like `supabase db
 * push`, already runs each file in one transaction). tests/notify/queue-schema.test.ts checks that
 * supabase/migrations/20261201000900_delivery.sql carries exactly this text, so upgrading pg-boss
 * without a new migration fails the tests instead of production.
 */
import PgBoss from 'pg-boss'

export const PGBOSS_SCHEMA = 'pgboss'

export function pgbossConstructionSql(): string {
  return PgBoss.getConstructionPlans(PGBOSS_SCHEMA)
    .split('\n')
    .filter((line) => !/^\s*(BEGIN|COMMIT|SET LOCAL [a-z_]+ = '30s');\s*$/.test(line))
    .join('\n')
    .trim()
}

if (process.argv[1]?.endsWith('pgboss-schema.ts')) console.log(pgbossConstructionSql())
