import { randomUUID } from 'node:crypto'
import type { Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { log } from '../log/logger'
import { objectStore } from '../storage'
import { cleanImage, sniffImage } from '../storage/image'

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
/** avatars are shown at most a few hundred CSS pixels wide; 512 covers 2–3× screens */
const AVATAR_MAX_SIDE = 512
const URL_TTL_SECONDS = 3600
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'

const AVATAR_KEY = new RegExp(`^(${UUID})/${UUID}\\.(png|jpg)$`)

/**
 * Whether `key` is an avatar key of this user, exactly as `app.set_avatar` accepts them. A key
 * read back from the database is checked again before we delete or sign it, so a row that ever
 * held another user's key (written before the grant was withdrawn, or by hand) cannot make us
 * delete that user's file or hand out a link to it.
 */
export function isOwnAvatarKey(userId: string, key: string): boolean {
  return AVATAR_KEY.exec(key)?.[1] === userId
}

/**
 * Stores a new avatar under a fresh key (so caches never show the old one) and records it through
 * `app.set_avatar` — the only writer of `student_profiles.avatar_path` — then deletes the previous
 * file if it is the caller's own. The image is re-encoded first, which drops EXIF and every other
 * metadata block. Storage calls happen outside the transactions (a slow Storage never holds a
 * connection); if recording fails, the new file is removed again.
 */
export async function setAvatar(tx: Tx, data: Buffer): Promise<string> {
  if (!sniffImage(data)) {
    throw new AppError('validation_failed', '头像只支持 JPG 或 PNG 图片', {
      fields: { file: '图片格式不支持' },
    })
  }
  const me = await tx(async (db) => {
    const r = await db.query<{ role: string | null; uid: string }>(
      'select app.my_role() as role, auth.uid() as uid',
    )
    return r.rows[0]
  })
  if (me?.role !== 'student') throw new AppError('forbidden', '只有学生账号可以设置头像')
  const image = await cleanImage(data, { maxSide: AVATAR_MAX_SIDE })
  const key = `${me.uid}/${randomUUID()}.${image.type === 'image/png' ? 'png' : 'jpg'}`
  const store = objectStore()
  await store.put('avatars', key, image.data, image.type)
  let previous: string | null
  try {
    previous = await tx(async (db) => {
      const r = await db.query<{ previous: string | null }>('select app.set_avatar($1) as previous', [key])
      return r.rows[0]?.previous ?? null
    })
  } catch (err) {
    await store.remove('avatars', key).catch((e) => log.warn('avatar: orphan not removed', { key, err: e }))
    throw err
  }
  if (previous && previous !== key) {
    if (isOwnAvatarKey(me.uid, previous)) {
      await store
        .remove('avatars', previous)
        .catch((e) => log.warn('avatar: previous file not removed', { key: previous, err: e }))
    } else {
      log.warn('avatar: previous key is not under the caller prefix; left alone', { user: me.uid })
    }
  }
  return store.signedUrl('avatars', key, URL_TTL_SECONDS)
}

/** A signed URL for the owner's avatar; null when there is none or the stored key is not theirs. */
export function avatarUrl(key: string | null, ownerId?: string): Promise<string | null> {
  if (!key) return Promise.resolve(null)
  if (ownerId ? !isOwnAvatarKey(ownerId, key) : !AVATAR_KEY.test(key)) {
    log.warn('avatar: stored key is not an avatar key of its owner; not signed', { user: ownerId })
    return Promise.resolve(null)
  }
  return objectStore().signedUrl('avatars', key, URL_TTL_SECONDS)
}
