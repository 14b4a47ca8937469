import { PROOF_PREFIX } from '../../../src/contracts/procedures'
import type { Bucket } from '../storage'
import { PRIVATE_FILE_URL_TTL_SECONDS, privateFiles } from '../uploads/private-files'
import { notBound, procedureError } from './errors'

/**
 * Proof files of correction requests (信息纠错的证明材料): private uploads (api/_lib/uploads/
 * private-files.ts) under `correction-proofs/<student id>/<uuid>.<jpg|png|pdf>` (app.file_correction
 * insists on the caller's prefix). Uploaded by a bound student; a link is signed for the owner or
 * anyone whose RLS shows them a correction naming the key (staff of its scope, platform admins).
 */
// NOTE: the private `resumes` bucket holds them until a `correction-proofs` bucket is listed in
// BUCKETS (api/_lib/storage/store.ts, not this module's file); the key would then drop its prefix.
export const PROOF_BUCKET: Bucket = 'resumes'

export const PROOF_URL_TTL_SECONDS = PRIVATE_FILE_URL_TTL_SECONDS

const proofs = privateFiles({
  prefix: PROOF_PREFIX,
  bucket: PROOF_BUCKET,
  label: '证明材料',
  async uploader(db) {
    const r = await db.query<{ uid: string; role: string | null; bound: boolean }>(
      `select auth.uid() as uid, app.my_role() as role,
              exists (select 1 from public.source_infos s
                      join public.roster_entries r on r.id = s.roster_entry_id and r.bound_user_id = s.student_id
                      where s.student_id = auth.uid()) as bound`,
    )
    const me = r.rows[0]
    if (me?.role !== 'student' || !me.bound) throw notBound()
    return me.uid
  },
  visibleSql: `select exists (select 1 from public.source_info_corrections c
                              where c.student_id = $2::uuid and $1 = any (c.proof_keys)) as ok`,
  badType: () =>
    procedureError('unsupported_media_type', 'proof_type', '证明材料只支持 JPG、PNG 图片或 PDF 文件', {
      fields: { file: '不是 JPG、PNG 图片或 PDF 文件' },
    }),
  notFound: () => procedureError('not_found', 'bad_proof', '证明材料不存在或无权查看'),
})

/** The owner (student id) of a proof key, or null when it is not a key we make. */
export const proofOwner = proofs.owner
/** What the list shows for a stored key (the key carries no name): 证明材料 2.pdf */
export const proofName = proofs.name
/** A signed link to one proof; call it after the transaction (on Supabase signing is HTTP). */
export const signProof = proofs.sign
/** Stores one uploaded proof of the caller (a bound student) and answers its key. */
export const uploadProof = proofs.upload
/** A signed link to a proof the caller may see (a correction their RLS shows them, or their own upload). */
export const proofLink = proofs.link

/** The served link of a proof (the API checks who asks, then signs): for answers made inside a transaction. */
export function proofLinkPath(key: string): string {
  return `/api/procedures/corrections/proofs?key=${encodeURIComponent(key)}`
}
