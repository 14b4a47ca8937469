/**
 * Helpers that shape values to subscribe-message keyword rules, so a long job title does not turn
 * a whole message into 47003: `thing` ≤ 20 characters, `phrase` ≤ 5 Chinese characters,
 * `time`/`date` as 2026年11月24日 14:00 in China time.
 */

/** Cuts to `max` characters (code points), ending with '…' when cut. */
export function fitChars(value: string, max: number): string {
  const chars = [...value.trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** A `thing` value: at most 20 characters; empty input becomes '-' (WeChat refuses empty values). */
export function thing(value: string): string {
  return fitChars(value, 20) || '-'
}

function parts(at: Date): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  return Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]))
}

/** A `date` value: 2026年11月24日 (China time). */
export function date(at: Date): string {
  const p = parts(at)
  return `${p.year}年${p.month}月${p.day}日`
}

/** A `time` value: 2026年11月24日 14:00 (China time). */
export function time(at: Date): string {
  const p = parts(at)
  return `${date(at)} ${p.hour}:${p.minute}`
}
