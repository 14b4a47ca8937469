import { randomUUID } from 'node:crypto'
import { PROOF_PREFIX } from '../../../src/contracts/procedures'
import type { Tx } from '../db/tx'
import type { UploadedFile } from '../http/multipart'
import { isPdf, withoutControls } from '../resumes/attachments'
import { type Bucket, objectStore } from '../storage'
import { notBound, procedureError } from './errors'

/**
 * Proof files of correction requests (信息纠错的证明材料). The key recorded in
 * source_info_corrections.proof_keys is the object's key itself: `correction-proofs/<student id>/
 * <uuid>.<jpg|png|pdf>` (app.file_correction insists on the caller's prefix). Stored first, outside
 * any transaction; a file that no correction names is harmless (private, reachable by its owner only).
 *
 * Who may download one: the storage route (`api/storage/[...path].ts`) serves whatever a valid
 * signature names and has no per-key rules, so the rule lives where links are signed — here: a
 * link is signed only for a key the caller's RLS lets them see in a correction (the owner, staff
 * whose scope covers the correction, platform admins) or, before it is filed, for the owner's own
 * upload (their prefix).
 */
// NOTE: the private `resumes` bucket holds them until a `correction-proofs` bucket is listed in
// BUCKETS (api/_lib/storage/store.ts, not this module's file); the key would then drop its prefix.
export const PROOF_BUCKET: Bucket = 'resumes'

/** Signed download links live this long: enough to open an image or start a download. */
export const PROOF_URL_TTL_SECONDS = 600

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const KEY = new RegExp(`^${PROOF_PREFIX}(${UUID})/${UUID}\\.(jpg|png|pdf)$`)

export type ProofType = 'image/jpeg' | 'image/png' | 'application/pdf'
const EXT: Record<ProofType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }

/** The file's type by its bytes (never its name or declared type); null when it is none of ours. */
export function sniffProof(data: Buffer): ProofType | null {
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg'
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (data.length > 8 && data.subarray(0, 8).equals(png)) return 'image/png'
  if (isPdf(data)) return 'application/pdf'
  return null
}

/** The owner (student id) of a proof key, or null when it is not a key we make. */
export function proofOwner(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null
}

/** What the list shows for a stored key (the key carries no name): 证明材料 2.pdf */
export function proofName(key: string, index: number): string {
  const ext = key.split('.').pop() ?? ''
  return `证明材料 ${index + 1}.${ext}`
}

/** The name the student gave the file, for the form while it is composed: tidied, ≤ 100 chars. */
function tidyName(raw: string, type: ProofType): string {
  let name = withoutControls(raw.split(/[\\/]/).pop() ?? '').trim()
  if (!name) name = `证明材料.${EXT[type]}`
  const chars = Array.from(name)
  return chars.length > 100 ? chars.slice(chars.length - 100).join('') : name
}

/** A signed link to one proof; call it after the transaction (on Supabase signing is HTTP). */
export function signProof(key: string): Promise<string> {
  if (!proofOwner(key)) throw new Error('not a proof key; not signed')
  return objectStore().signedUrl(PROOF_BUCKET, key, PROOF_URL_TTL_SECONDS)
}

/** The served link of a proof (the API checks who asks, then signs): for answers made inside a transaction. */
export function proofLinkPath(key: string): string {
  return `/api/procedures/corrections/proofs?key=${encodeURIComponent(key)}`
}

/** Stores one uploaded proof of the caller (a bound student) and answers its key. */
export async function uploadProof(
  tx: Tx,
  file: UploadedFile,
  givenName?: string,
): Promise<{ key: string; name: string }> {
  const me = await tx(async (db) => {
    const r = await db.query<{ uid: string; role: string | null; bound: boolean }>(
      `select auth.uid() as uid, app.my_role() as role,
              exists (select 1 from public.source_infos s
                      join public.roster_entries r on r.id = s.roster_entry_id and r.bound_user_id = s.student_id
                      where s.student_id = auth.uid()) as bound`,
    )
    return r.rows[0]
  })
  if (me?.role !== 'student' || !me.bound) throw notBound()
  const type = sniffProof(file.data)
  if (!type) {
    throw procedureError('unsupported_media_type', 'proof_type', '证明材料只支持 JPG、PNG 图片或 PDF 文件', {
      fields: { file: '不是 JPG、PNG 图片或 PDF 文件' },
    })
  }
  const key = `${PROOF_PREFIX}${me.uid}/${randomUUID()}.${EXT[type]}`
  await objectStore().put(PROOF_BUCKET, key, file.data, type)
  return { key, name: tidyName(givenName?.trim() ? givenName : file.filename, type) }
}

/**
 * A signed link to a proof the caller may see: one named by a correction their RLS shows them, or
 * their own upload. Anything else is the same 404 (whether the key exists is nobody else's business).
 */
export async function proofLink(tx: Tx, key: string): Promise<{ url: string; expiresInSeconds: number }> {
  const owner = proofOwner(key)
  const visible =
    owner !== null &&
    (await tx(async (db) => {
      const r = await db.query<{ ok: boolean }>(
        `select auth.uid() = $2::uuid
             or exists (select 1 from public.source_info_corrections c
                       where c.student_id = $2::uuid and $1 = any (c.proof_keys)) as ok`,
        [key, owner],
      )
      return r.rows[0]?.ok === true
    }))
  if (!visible) throw procedureError('not_found', 'bad_proof', '证明材料不存在或无权查看')
  return { url: await signProof(key), expiresInSeconds: PROOF_URL_TTL_SECONDS }
}
