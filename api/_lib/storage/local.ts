import { createHmac, timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { jwtSecret } from '../auth/config'
import { assertKey, type ObjectStore } from './store'

function root(): string {
  return process.env.LOCAL_STORAGE_DIR ?? path.join(process.cwd(), '.data', 'storage')
}

function sign(bucket: string, key: string, exp: number): string {
  return createHmac('sha256', Buffer.from(jwtSecret())).update(`${bucket}/${key}:${exp}`).digest('base64url')
}

function file(bucket: string, key: string): string {
  assertKey(key)
  return path.join(root(), bucket, key)
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
    assertKey(key)
    const exp = Math.floor(Date.now() / 1000) + expiresIn
    return `/api/storage/${bucket}/${key}?exp=${exp}&sig=${sign(bucket, key, exp)}`
  },
  async remove(bucket, key) {
    const f = file(bucket, key)
    await fs.rm(f, { force: true })
    await fs.rm(`${f}.type`, { force: true })
  },
}

/** Reads an object for a signed URL; null when the signature is wrong, expired, or the file is gone. */
export async function readSigned(
  bucket: string,
  key: string,
  exp: number,
  sig: string,
): Promise<{ data: Buffer; contentType: string } | null> {
  if (!Number.isInteger(exp) || exp < Date.now() / 1000) return null
  const want = Buffer.from(sign(bucket, key, exp))
  const got = Buffer.from(sig)
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null
  const f = file(bucket, key)
  if (!existsSync(f)) return null
  return {
    data: await fs.readFile(f),
    contentType: await fs.readFile(`${f}.type`, 'utf8').catch(() => 'application/octet-stream'),
  }
}
