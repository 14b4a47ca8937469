/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded server. */
import { resolveDatabase } from './db/connection'
import { migrate } from './db/migrate'

async function main() {
  const { url, embedded } = await resolveDatabase()
  try {
    const { applied, version } = await migrate(url, { log: (m) => console.log(m) })
    console.log(JSON.stringify({ msg: 'migrated', applied: applied.length, version }))
  } finally {
    await embedded?.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
