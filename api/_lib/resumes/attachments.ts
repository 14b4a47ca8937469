import { randomUUID } from 'node:crypto'
import {
  AddAttachmentOutcome,
  type AttachmentLinkResponse,
  DeleteAttachmentOutcome,
  MAX_RESUME_ATTACHMENTS,
  type ResumeAttachment,
} from '../../../src/contracts/resumes'
import { callOutcome } from '../db/outcome'
import type { Tx } from '../db/tx'
import { AppError } from '../http/errors'
import type { UploadedFile } from '../http/multipart'
import { log } from '../log/logger'
import { type Bucket, objectStore } from '../storage'

/**
 * Attachment resumes: PDFs in the `resumes` bucket under `<user id>/<uuid>.pdf`; the table keeps
 * the bucket-qualified path `resumes/<user id>/<uuid>.pdf` (its CHECK and app.add_resume_attachment
 * insist on the owner's prefix). The file is stored first, outside any transaction, then recorded
 * by app.add_resume_attachment; if recording fails the file is removed again.
 */
// NOTE: 'resumes' must be listed in BUCKETS (api/_lib/storage/store.ts, not this module's file);
// until it is, the local stand-in's download route answers 404 for these keys.
export const RESUME_BUCKET: Bucket = 'resumes'

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const PATH = new RegExp(`^resumes/(${UUID})/(${UUID}\\.pdf)$`)

/** Signed download links live this long: enough to start a download on a slow phone. */
export const ATTACHMENT_URL_TTL_SECONDS = 600

/**
 * The stored object behind a storage path, when the path is an attachment path of `ownerId`
 * (checked again before signing or deleting: a row can never make us hand out or delete a file
 * under someone else's prefix); null otherwise.
 */
export function attachmentObject(
  storagePath: string,
  ownerId: string,
): { bucket: Bucket; key: string } | null {
  const m = PATH.exec(storagePath)
  if (!m || m[1] !== ownerId) return null
  return { bucket: RESUME_BUCKET, key: `${m[1]}/${m[2]}` }
}

/**
 * A signed link to an attachment (also for the applications flow, reading a snapshot's
 * attachment_path with the student's id). Call it after the transaction: on Supabase, signing is
 * an HTTP call.
 */
export async function signAttachment(storagePath: string, ownerId: string): Promise<string | null> {
  const o = attachmentObject(storagePath, ownerId)
  if (!o) {
    log.warn('resume attachment: stored path is not under its owner prefix; not signed', { user: ownerId })
    return null
  }
  return objectStore().signedUrl(o.bucket, o.key, ATTACHMENT_URL_TTL_SECONDS)
}

/**
 * A PDF by its bytes, not its name or declared type: the `%PDF-1.x` / `%PDF-2.0` header at the
 * start, and the trailer's `startxref` and `%%EOF` within the last kilobyte (a truncated upload
 * or a renamed file fails one or the other).
 */
export function isPdf(data: Buffer): boolean {
  if (data.length < 32) return false
  if (!/^%PDF-(1\.[0-7]|2\.0)/.test(data.subarray(0, 8).toString('latin1'))) return false
  const tail = data.subarray(Math.max(0, data.length - 1024)).toString('latin1')
  return tail.includes('startxref') && tail.includes('%%EOF')
}

/** Drops C0 control characters and DEL (a name is shown and sent in a header). */
export function withoutControls(s: string): string {
  return Array.from(s)
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
}

/**
 * The name the student gave the file, kept for the list and the download: path parts and control
 * characters dropped, at most 100 characters, ending in .pdf.
 */
export function tidyFileName(raw: string): string {
  let name = withoutControls(raw.split(/[\\/]/).pop() ?? '').trim()
  if (!/\.pdf$/i.test(name)) name = `${name || '附件简历'}.pdf`
  const chars = Array.from(name)
  return chars.length > 100 ? `${chars.slice(0, 96).join('')}.pdf` : name
}

function toAttachment(r: {
  id: string
  file_name: string
  size_bytes: number
  created_at: Date
}): ResumeAttachment {
  return { id: r.id, fileName: r.file_name, sizeBytes: r.size_bytes, createdAt: r.created_at.toISOString() }
}

function notFound(): AppError {
  return new AppError('not_found', '附件简历不存在或已删除', { details: { target: 'attachment' } })
}

function limitReached(limit: number): AppError {
  return new AppError('conflict', `附件简历最多${limit}份，请先删除不用的附件`, {
    details: { conflict: 'limit_reached', limit },
  })
}

/**
 * Stores an uploaded PDF and records it (app.add_resume_attachment). `givenName` (the route's
 * `?name=`) is the file's own name when the multipart part cannot carry it (wx.uploadFile).
 */
export async function uploadAttachment(
  tx: Tx,
  file: UploadedFile,
  givenName?: string,
): Promise<ResumeAttachment> {
  const me = await tx(async (db) => {
    const r = await db.query<{ uid: string; role: string | null; live: number }>(
      `select auth.uid() as uid, app.my_role() as role,
              (select count(*)::int from public.resume_attachments where user_id = auth.uid() and deleted_at is null) as live`,
    )
    return r.rows[0]
  })
  if (me?.role !== 'student') throw new AppError('forbidden', '只有学生账号可以上传附件简历')
  // checked again inside app.add_resume_attachment; here it saves a pointless upload
  if (me.live >= MAX_RESUME_ATTACHMENTS) throw limitReached(MAX_RESUME_ATTACHMENTS)
  if (!isPdf(file.data)) {
    throw new AppError('unsupported_media_type', '附件简历只支持 PDF 文件，请导出为 PDF 后上传', {
      fields: { file: '不是有效的 PDF 文件' },
    })
  }
  const name = tidyFileName(givenName?.trim() ? givenName : file.filename)
  const key = `${me.uid}/${randomUUID()}.pdf`
  const path = `resumes/${key}`
  const store = objectStore()
  await store.put(RESUME_BUCKET, key, file.data, 'application/pdf')
  const removeOrphan = () =>
    store
      .remove(RESUME_BUCKET, key)
      .catch((e) => log.warn('resume attachment: orphan not removed', { key, err: e }))
  try {
    return await tx(async (db) => {
      const o = await callOutcome(
        db,
        'app.add_resume_attachment',
        [path, name, file.data.length],
        AddAttachmentOutcome,
      )
      switch (o.outcome) {
        case 'added': {
          const r = await db.query<{ id: string; file_name: string; size_bytes: number; created_at: Date }>(
            'select id, file_name, size_bytes, created_at from public.resume_attachments where id = $1',
            [o.attachment_id],
          )
          return toAttachment(r.rows[0]!)
        }
        case 'limit_reached':
          throw limitReached(o.limit)
        case 'not_student':
          throw new AppError('forbidden', '只有学生账号可以上传附件简历')
        default: {
          const never: never = o
          throw new Error(`unknown outcome ${JSON.stringify(never)}`)
        }
      }
    })
  } catch (err) {
    await removeOrphan()
    throw err
  }
}

/** A signed download link to one of the caller's live attachments. */
export async function attachmentLink(tx: Tx, id: string): Promise<AttachmentLinkResponse> {
  const row = await tx(async (db) => {
    const r = await db.query<{ storage_path: string; file_name: string; user_id: string }>(
      `select storage_path, file_name, user_id from public.resume_attachments
       where id = $1 and user_id = auth.uid() and deleted_at is null`,
      [id],
    )
    return r.rows[0]
  })
  if (!row) throw notFound()
  const url = await signAttachment(row.storage_path, row.user_id)
  if (!url) throw notFound()
  return { url, fileName: row.file_name, expiresInSeconds: ATTACHMENT_URL_TTL_SECONDS }
}

/**
 * Soft-deletes one of the caller's attachments (app.delete_resume_attachment). The file is removed
 * after the commit unless an application sent it (the employer's copy keeps working).
 */
export async function deleteAttachment(tx: Tx, id: string): Promise<{ deleted: true }> {
  const done = await tx(async (db) => {
    const o = await callOutcome(db, 'app.delete_resume_attachment', [id], DeleteAttachmentOutcome)
    const uid = (await db.query<{ uid: string }>('select auth.uid() as uid')).rows[0]?.uid ?? ''
    return { o, uid }
  })
  switch (done.o.outcome) {
    case 'deleted': {
      const path = done.o.remove_path
      const obj = path ? attachmentObject(path, done.uid) : null
      if (obj) {
        await objectStore()
          .remove(obj.bucket, obj.key)
          .catch((e) => log.warn('resume attachment: file not removed', { key: obj.key, err: e }))
      }
      return { deleted: true }
    }
    case 'not_found':
      throw notFound()
    default: {
      const never: never = done.o
      throw new Error(`unknown outcome ${JSON.stringify(never)}`)
    }
  }
}
