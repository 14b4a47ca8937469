import { eventScene } from '../../../src/contracts/events'
import { EVENT_DETAIL_PAGE } from '../../../src/services/routes'
import type { Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { getUnlimitedWxaCode, toAppError } from '../wechat'

/**
 * The poster's mini-program code of an event: the caller must manage the event (school staff of
 * its school), checked in a transaction that ends BEFORE WeChat is called (no network inside a
 * transaction). scene = the event id without dashes (32 chars, WeChat's limit), page = the detail
 * page without its leading slash (WeChat's form).
 */
export async function eventPosterCode(
  tx: Tx,
  eventId: string,
): Promise<{ contentType: string; data: Buffer }> {
  const allowed = await tx(async (db) => {
    const { rows } = await db.query<{ manage: boolean }>(
      `select e.school_id = app.my_school() and app.my_role() = 'school_staff' as manage
       from public.events e where e.id = $1`,
      [eventId],
    )
    return rows[0]
  })
  if (!allowed) throw new AppError('not_found', '活动不存在')
  if (!allowed.manage) throw new AppError('forbidden', '只有本校就业工作人员可以下载活动小程序码')
  try {
    return await getUnlimitedWxaCode({
      scene: eventScene(eventId),
      page: EVENT_DETAIL_PAGE.replace(/^\//, ''),
      width: 430,
    })
  } catch (err) {
    throw toAppError(err)
  }
}
