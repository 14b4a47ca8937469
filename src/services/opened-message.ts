import { markRead } from './messages'
import { getSession } from './session'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * A WeChat message card (subscribe or official-account template message) opens its page with
 * `mid`, the inbox message it reports: tapping the card is reading it. Best effort: a failed
 * mark leaves the message unread, which the inbox still shows.
 */
export function markOpenedMessage(query: Record<string, string | undefined> | undefined): void {
  const mid = query?.mid
  if (!mid || !UUID.test(mid) || !getSession()) return
  markRead(mid, { toast: false }).catch(() => undefined)
}
