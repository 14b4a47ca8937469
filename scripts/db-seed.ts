/** `npm run db:seed`: loads the demo data into DATABASE_URL or the embedded server. */
import { resolveDatabase } from './db/connection'
import { migrate } from './db/migrate'
import { seed } from './db/seed'

async function main() {
  const { url, embedded } = await resolveDatabase()
  try {
    await migrate(url)
    await seed(url)
    console.log(JSON.stringify({ msg: 'seeded' }))
  } finally {
    await embedded?.stop()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
