import { AccountDeleteOutcome } from '../../../src/contracts/me'
import { callOutcome } from '../db/outcome'
import type { Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { isOwnAvatarKey } from '../identity/avatar'
import { log } from '../log/logger'
import { objectStore } from '../storage'

/**
 * A student deletes their own account: `app.delete_my_account()` ends the binding (the roster
 * record stays, free to bind again) and deletes the user, whose reviews, messages, profile,
 * sessions and WeChat identity go with it. The avatar file is removed after the transaction has
 * committed (no storage call inside a transaction), and only if it is under the user's own prefix.
 */
export async function deleteOwnAccount(tx: Tx, userId: string): Promise<void> {
  const r = await tx((db) => callOutcome(db, 'app.delete_my_account', [], AccountDeleteOutcome))
  switch (r.outcome) {
    case 'deleted':
      break
    case 'not_student':
      throw new AppError('forbidden', '工作人员、用人单位和管理员账号请联系平台管理员注销')
    case 'not_found':
      throw new AppError('not_found', '账号不存在或已停用')
    default: {
      const unknown: never = r
      throw new Error(`unhandled account delete outcome ${JSON.stringify(unknown)}`)
    }
  }
  log.info('account deleted by its owner', { user: userId })
  const avatar = r.avatar_path
  if (avatar && isOwnAvatarKey(userId, avatar)) {
    await objectStore()
      .remove('avatars', avatar)
      .catch((err) => log.warn('account deleted: avatar file not removed', { key: avatar, err }))
  }
}
