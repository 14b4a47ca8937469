import { createHmac, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { jwtSecret } from '../auth/config'
import { assertKey, type Bucket, type ObjectStore, SIGNED_UPLOAD_TTL_SECONDS } from './store'

function root(): string {
  return process.env.LOCAL_STORAGE_DIR ?? path.join(process.cwd(), '.data', 'storage')
}

/** What a signature allows: a read URL must never be usable to write. */
type Purpose = 'read' | 'upload'

function sign(purpose: Purpose, bucket: string, key: string, exp: number): string {
  return createHmac('sha256', Buffer.from(jwtSecret()))
    .update(`${purpose}\n${bucket}/${key}\n${exp}`)
    .digest('base64url')
}

function verify(purpose: Purpose, bucket: string, key: string, exp: number, sig: string): boolean {
  if (!Number.isInteger(exp) || exp < Date.now() / 1000) return false
  const want = Buffer.from(sign(purpose, bucket, key, exp))
  const got = Buffer.from(sig)
  return want.length === got.length && timingSafeEqual(want, got)
}

function file(bucket: string, key: string): string {
  assertKey(key)
  return path.join(root(), bucket, key)
}

function url(purpose: Purpose, bucket: string, key: string, ttl: number): string {
  assertKey(key)
  const exp = Math.floor(Date.now() / 1000) + ttl
  return `/api/storage/${bucket}/${key}?exp=${exp}&sig=${sign(purpose, bucket, key, exp)}`
}

/** The local stand-in for Supabase Storage: files on disk, URLs signed with the API's secret. */
export const localStore: ObjectStore = {
  async put(bucket, key, data, contentType) {
    const f = file(bucket, key)
    await fs.mkdir(path.dirname(f), { recursive: true })
    await fs.writeFile(f, data)
    await fs.writeFile(`${f}.type`, contentType)
  },
  async signedUrl(bucket, key, expiresIn) {
    return url('read', bucket, key, expiresIn)
  },
  async signedUploadUrl(bucket, key) {
    return { url: url('upload', bucket, key, SIGNED_UPLOAD_TTL_SECONDS) }
  },
  async remove(bucket, key) {
    const f = file(bucket, key)
    await fs.rm(f, { force: true })
    await fs.rm(`${f}.type`, { force: true })
  },
}

/** Reads an object for a signed URL; null when the signature is wrong, expired, or the file is gone. */
export async function readSigned(
  bucket: Bucket,
  key: string,
  exp: number,
  sig: string,
): Promise<{ data: Buffer; contentType: string } | null> {
  if (!verify('read', bucket, key, exp, sig)) return null
  const f = file(bucket, key)
  if (!existsSync(f)) return null
  return {
    data: await fs.readFile(f),
    contentType: await fs.readFile(`${f}.type`, 'utf8').catch(() => 'application/octet-stream'),
  }
}

/**
 * Writes an object for a signed upload URL, only while its key is free (like Supabase's signed
 * uploads without upsert). 'forbidden' for a wrong or expired signature, 'exists' when taken.
 */
export async function writeSigned(
  bucket: Bucket,
  key: string,
  exp: number,
  sig: string,
  data: Buffer,
  contentType: string,
): Promise<'stored' | 'forbidden' | 'exists'> {
  if (!verify('upload', bucket, key, exp, sig)) return 'forbidden'
  const f = file(bucket, key)
  await fs.mkdir(path.dirname(f), { recursive: true })
  try {
    // `wx` creates or fails in one step, so two racing uploads cannot both win
    await fs.writeFile(f, data, { flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists'
    throw err
  }
  await fs.writeFile(`${f}.type`, contentType)
  return 'stored'
}
