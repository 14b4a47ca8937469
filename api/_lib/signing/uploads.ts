import { SIGNING_UPLOAD_PREFIX, type SigningFile } from '../../../src/contracts/signing-uploads'
import { AppError } from '../http/errors'
import type { Bucket } from '../storage'
import { privateFiles } from '../uploads/private-files'
import { signingError } from './errors'

/**
 * The signing centre's uploads (api/_lib/uploads/private-files.ts): any signed-in student or
 * employer uploads; a link is signed for the owner, or for anyone whose RLS shows them a row naming
 * the key — an agreement's scans, a destination's proofs, a destination request's or a
 * termination's proofs. Each table is queried with the caller's claims, so its own read policy
 * decides (staff of the scope, the employer of an online agreement's termination, admins).
 */
// the private `resumes` bucket, as the correction proofs (until a bucket of their own is listed)
export const SIGNING_UPLOAD_BUCKET: Bucket = 'resumes'

// The student-owned tables are narrowed by the owner (the uploader is the student there: their
// functions take only the caller's own keys); a termination's proof may be the employer's.
const VISIBLE = `select
     exists (select 1 from public.agreements a where a.student_id = $2::uuid and $1 = any (a.scan_keys))
  or exists (select 1 from public.destinations d, jsonb_each(d.proof_keys) e
             where d.student_id = $2::uuid and jsonb_typeof(e.value) = 'array' and e.value ? $1)
  or exists (select 1 from public.destination_requests q where q.student_id = $2::uuid and $1 = any (q.proof_keys))
  or exists (select 1 from public.terminations t where $1 = any (t.proof_keys)) as ok`

const files = privateFiles({
  prefix: SIGNING_UPLOAD_PREFIX,
  bucket: SIGNING_UPLOAD_BUCKET,
  label: '签约材料',
  async uploader(db) {
    const r = await db.query<{ uid: string | null; role: string | null }>(
      'select auth.uid() as uid, app.my_role() as role',
    )
    const me = r.rows[0]
    if (!me?.uid || (me.role !== 'student' && me.role !== 'employer')) {
      throw new AppError('forbidden', '仅学生或用人单位可以上传签约材料', {
        details: { outcome: 'forbidden' },
      })
    }
    return me.uid
  },
  visibleSql: VISIBLE,
  badType: () =>
    signingError('unsupported_media_type', 'bad_file', '只支持 JPG、PNG 图片或 PDF 文件', {
      fields: { file: '不是 JPG、PNG 图片或 PDF 文件' },
    }),
  notFound: () => signingError('not_found', 'not_found', '文件不存在或无权查看'),
})

export const signingUploadOwner = files.owner
/** 签约材料 2.pdf: what a list shows for a stored key */
export const signingUploadName = files.name
export const signSigningUpload = files.sign
export const uploadSigningFile = files.upload
export const signingUploadLink = files.link

/** The served link of an upload (the route checks who asks, then signs): for answers made in a transaction. */
export function signingUploadPath(key: string): string {
  return `/api/signing/uploads?key=${encodeURIComponent(key)}`
}

/** Stored keys as answers show them: 签约材料 1.pdf, … with their served links. */
export function signingFiles(keys: readonly string[], label = '签约材料'): SigningFile[] {
  return keys.map((key, i) => ({
    key,
    name: `${label} ${i + 1}.${key.split('.').pop() ?? ''}`,
    url: signingUploadPath(key),
  }))
}
