/** `npm run db:seed`: loads the demo data into DATABASE_URL or the embedded server. */
import { LOCAL_SECRETS_FLAG } from '../api/_lib/auth/secret-env'
import { resolveDatabase } from './db/connection'
import { migrate } from './db/migrate'
import { seed } from './db/seed'

async function main() {
  // the demo roster's ID hashes use the built-in key only on the embedded server; else ID_CARD_KEY
  if (!process.env.DATABASE_URL) process.env[LOCAL_SECRETS_FLAG] = '1'
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
