import type { z } from 'zod'
import {
  ALL_WECHAT_KINDS,
  type PushSettings,
  type PushSettingsInput,
  type WechatKind,
} from '../../../src/contracts/push'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'

interface SettingsRow {
  mode: PushSettings['mode']
  quiet_hours: boolean
  wechat_kinds: WechatKind[]
  updated_at: Date | null
}

/** No row yet: the table's defaults (instant, 免打扰 on, every kind in WeChat). */
const DEFAULTS: PushSettings = {
  mode: 'instant',
  quietHours: true,
  wechatKinds: [...ALL_WECHAT_KINDS],
  updatedAt: null,
}

function toSettings(r: SettingsRow): PushSettings {
  return {
    mode: r.mode,
    quietHours: r.quiet_hours,
    wechatKinds: r.wechat_kinds,
    updatedAt: r.updated_at?.toISOString() ?? null,
  }
}

/** The caller's push settings; the policy (000910) shows a user their own row only. */
export async function getPushSettings(db: Db, userId: string): Promise<PushSettings> {
  const { rows } = await db.query<SettingsRow>(
    'select mode, quiet_hours, wechat_kinds, updated_at from public.push_settings where user_id = $1',
    [userId],
  )
  return rows[0] ? toSettings(rows[0]) : DEFAULTS
}

/**
 * Creates or replaces the caller's settings. Only students may (the policy's check): anyone else
 * gets the 42501 the route maps to 403; this file only names the message.
 */
export async function savePushSettings(
  db: Db,
  userId: string,
  input: z.output<typeof PushSettingsInput>,
): Promise<PushSettings> {
  const { rows } = await db
    .query<SettingsRow>(
      `insert into public.push_settings as s (user_id, mode, quiet_hours, wechat_kinds)
     values ($1, $2, $3, $4)
     on conflict (user_id) do update set mode = excluded.mode, quiet_hours = excluded.quiet_hours,
       wechat_kinds = excluded.wechat_kinds, updated_at = now()
     returning mode, quiet_hours, wechat_kinds, updated_at`,
      [userId, input.mode, input.quietHours, input.wechatKinds],
    )
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === '42501') throw new AppError('forbidden', '只有学生可以设置推送')
      throw err
    })
  const row = rows[0]
  if (!row) throw new AppError('forbidden', '只有学生可以设置推送')
  return toSettings(row)
}
