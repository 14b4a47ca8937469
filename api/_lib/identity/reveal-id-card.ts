import type { Db } from '../db/tx'
import { withServiceTx } from '../db/tx'
import { AppError } from '../http/errors'
import { log } from '../log/logger'
import { decryptIdCard } from './secrets'

/**
 * The full ID number, for its owner only. Ownership is decided in the caller's own transaction
 * (RLS shows a student only their bound record); the cipher, which no user role may select, is then
 * read on the service path for exactly that record. Each reveal is logged.
 */
export async function revealOwnIdCard(db: Db): Promise<string> {
  const own = await db.query<{ id: string }>(
    'select id from public.roster_entries where bound_user_id = auth.uid()',
  )
  const entryId = own.rows[0]?.id
  if (!entryId) throw new AppError('not_found', '尚未绑定学籍')
  const cipher = await withServiceTx('reveal own id card', async (s) => {
    const { rows } = await s.query<{ id_card_cipher: string }>(
      'select id_card_cipher from public.roster_entries where id = $1',
      [entryId],
    )
    return rows[0]?.id_card_cipher
  })
  if (!cipher) throw new AppError('not_found', '尚未绑定学籍')
  log.info('id card revealed to its owner', { rosterEntryId: entryId })
  return decryptIdCard(cipher)
}
