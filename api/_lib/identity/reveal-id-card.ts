import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { log } from '../log/logger'
import { decryptIdCard } from './secrets'

/**
 * The full ID number, for its owner only. `app.reveal_my_id_card()` returns the cipher of the
 * caller's own bound record (which no user role may select), in the caller's own transaction:
 * one connection per request. The key is not in the database, so decryption happens here. Each
 * reveal is logged.
 */
export async function revealOwnIdCard(db: Db): Promise<string> {
  const { rows } = await db.query<{ cipher: string | null; entry_id: string | null }>(
    `select app.reveal_my_id_card() as cipher,
       (select id from public.roster_entries where bound_user_id = auth.uid()) as entry_id`,
  )
  const cipher = rows[0]?.cipher
  if (!cipher) throw new AppError('not_found', '尚未绑定学籍')
  log.info('id card revealed to its owner', { rosterEntryId: rows[0]?.entry_id })
  return decryptIdCard(cipher)
}
