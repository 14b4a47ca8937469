/**
 * Per test file: a database cloned from the migrated template, named in DATABASE_URL before any
 * test code opens the pool, and dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, inject } from 'vitest'
import { closePool } from '../../api/_lib/db/pool'
import { dropDatabase, ensureDatabase } from '../../scripts/db/embedded'

const { adminUrl, template } = inject('pg')
const name = `jiuye_test_${process.pid}_${randomBytes(4).toString('hex')}`
await ensureDatabase(adminUrl, name, template)
const url = new URL(adminUrl)
url.pathname = `/${name}`
process.env.DATABASE_URL = url.toString()
process.env.LOG_LEVEL ??= 'warn'

afterAll(async () => {
  await closePool()
  await dropDatabase(adminUrl, name)
})
