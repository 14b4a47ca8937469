import { randomUUID } from 'node:crypto'
import type { Db, Tx } from '../db/tx'
import type { AppError } from '../http/errors'
import type { UploadedFile } from '../http/multipart'
import { isPdf, withoutControls } from '../resumes/attachments'
import { type Bucket, objectStore } from '../storage'

/**
 * Private uploads recorded by key (correction proofs, the signing centre's scans and proofs): the
 * object's key is `<prefix><owner id>/<uuid>.<jpg|png|pdf>`, stored first, outside any transaction,
 * then named by a SQL function that insists on the caller's own prefix. A file nothing names is
 * harmless (private, reachable by its owner only).
 *
 * Who may download one: the storage route serves whatever a valid signature names and has no
 * per-key rules, so the rule lives where links are signed — here: the owner, or anyone whose RLS
 * shows them a row naming the key (each kind of upload says which rows: `visibleSql`).
 */

/** Signed download links live this long: enough to open an image or start a download. */
export const PRIVATE_FILE_URL_TTL_SECONDS = 600

export type PrivateFileType = 'image/jpeg' | 'image/png' | 'application/pdf'
const EXT: Record<PrivateFileType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
}
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

/** The file's type by its bytes (never its name or declared type); null when it is none of ours. */
export function sniffPrivateFile(data: Buffer): PrivateFileType | null {
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg'
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (data.length > 8 && data.subarray(0, 8).equals(png)) return 'image/png'
  if (isPdf(data)) return 'application/pdf'
  return null
}

export interface PrivateFilesSpec {
  /** `correction-proofs/`, `signing-proofs/` */
  prefix: string
  bucket: Bucket
  /** what a file is called when it has no name of its own: 证明材料 */
  label: string
  /**
   * May the caller upload? Runs as the caller; answers their id, or throws their refusal.
   */
  uploader(db: Db): Promise<string>
  /**
   * SQL (as the caller, under RLS) answering one row `ok` when a row the caller can read names the
   * key: `$1` is the key, `$2` the owner's id. The owner's own key is allowed before this runs.
   */
  visibleSql: string
  /** the refusals, in the domain's vocabulary */
  badType(): AppError
  notFound(): AppError
}

export interface PrivateFiles {
  /** The owner (uploader's id) of a key, or null when it is not a key of this kind. */
  owner(key: string): string | null
  /** What a list shows for a stored key (the key carries no name): 证明材料 2.pdf */
  name(key: string, index: number): string
  /** A signed link to one file; call it after the transaction (on Supabase signing is HTTP). */
  sign(key: string): Promise<string>
  /** Stores one uploaded file of the caller and answers its key and the name to show. */
  upload(tx: Tx, file: UploadedFile, givenName?: string): Promise<{ key: string; name: string }>
  /** A signed link for a caller who may see the file; anything else is the same 404. */
  link(tx: Tx, key: string): Promise<{ url: string; expiresInSeconds: number }>
}

export function privateFiles(spec: PrivateFilesSpec): PrivateFiles {
  const keyRe = new RegExp(`^${spec.prefix}(${UUID})/${UUID}\\.(jpg|png|pdf)$`)
  const owner = (key: string) => keyRe.exec(key)?.[1] ?? null

  /** The name the user gave the file, for the form while it is composed: tidied, ≤ 100 chars. */
  const tidyName = (raw: string, type: PrivateFileType) => {
    let name = withoutControls(raw.split(/[\\/]/).pop() ?? '').trim()
    if (!name) name = `${spec.label}.${EXT[type]}`
    const chars = Array.from(name)
    return chars.length > 100 ? chars.slice(chars.length - 100).join('') : name
  }

  const sign = (key: string) => {
    if (!owner(key)) throw new Error(`not a ${spec.prefix} key; not signed`)
    return objectStore().signedUrl(spec.bucket, key, PRIVATE_FILE_URL_TTL_SECONDS)
  }

  return {
    owner,
    sign,
    name(key, index) {
      const ext = key.split('.').pop() ?? ''
      return `${spec.label} ${index + 1}.${ext}`
    },
    async upload(tx, file, givenName) {
      const uid = await tx((db) => spec.uploader(db))
      const type = sniffPrivateFile(file.data)
      if (!type) throw spec.badType()
      const key = `${spec.prefix}${uid}/${randomUUID()}.${EXT[type]}`
      await objectStore().put(spec.bucket, key, file.data, type)
      return { key, name: tidyName(givenName?.trim() ? givenName : file.filename, type) }
    },
    async link(tx, key) {
      const who = owner(key)
      const visible =
        who !== null &&
        (await tx(async (db) => {
          const mine = await db.query<{ ok: boolean }>('select auth.uid() = $1::uuid as ok', [who])
          if (mine.rows[0]?.ok === true) return true
          const r = await db.query<{ ok: boolean }>(spec.visibleSql, [key, who])
          return r.rows[0]?.ok === true
        }))
      if (!visible) throw spec.notFound()
      return { url: await sign(key), expiresInSeconds: PRIVATE_FILE_URL_TTL_SECONDS }
    },
  }
}
