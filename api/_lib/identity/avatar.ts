import { randomUUID } from 'node:crypto'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { objectStore } from '../storage'

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024
const URL_TTL_SECONDS = 3600

/** What the bytes are, not what the client says they are. */
function imageType(data: Buffer): 'image/png' | 'image/jpeg' | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png'
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg'
  return null
}

/**
 * Stores a new avatar under a fresh key (so caches never show the old one), records it on the
 * student's profile through RLS, then deletes the previous file.
 */
export async function setAvatar(db: Db, data: Buffer): Promise<string> {
  const type = imageType(data)
  if (!type)
    throw new AppError('validation_failed', '头像只支持 JPG 或 PNG 图片', {
      fields: { file: '图片格式不支持' },
    })
  const role = await db.query<{ role: string; uid: string }>(
    'select app.my_role() as role, auth.uid() as uid',
  )
  if (role.rows[0]?.role !== 'student') throw new AppError('forbidden', '只有学生账号可以设置头像')
  const key = `${role.rows[0].uid}/${randomUUID()}.${type === 'image/png' ? 'png' : 'jpg'}`
  const store = objectStore()
  await store.put('avatars', key, data, type)
  const old = await db.query<{ avatar_path: string | null }>(
    'select avatar_path from public.student_profiles where user_id = auth.uid()',
  )
  await db.query(
    `insert into public.student_profiles (user_id, avatar_path) values (auth.uid(), $1)
     on conflict (user_id) do update set avatar_path = excluded.avatar_path, updated_at = now()`,
    [key],
  )
  const previous = old.rows[0]?.avatar_path
  if (previous) await store.remove('avatars', previous).catch(() => undefined)
  return store.signedUrl('avatars', key, URL_TTL_SECONDS)
}

export function avatarUrl(key: string | null): Promise<string | null> {
  return key ? objectStore().signedUrl('avatars', key, URL_TTL_SECONDS) : Promise.resolve(null)
}
