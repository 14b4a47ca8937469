/**
 * Values shaped to subscribe-message keyword rules (WeChat's 订阅消息参数值内容限制说明), so a long
 * job title or a name in Latin letters never turns a whole message into 47003. A keyword's type is
 * its name without the digits (`thing3` → `thing`); `fitKeyword(key, raw)` applies that type's
 * fitter, and every fitter is total: whatever the input, the output passes the rule
 * (tests/notify/templates.test.ts checks each against the fake WeChat's rules with fast-check).
 *
 *   thing ≤ 20 characters · character_string ≤ 32 printable ASCII, no Chinese · phrase ≤ 5 Chinese
 *   characters only · name ≤ 10 characters with Chinese, else ≤ 20 ASCII · number digits with an
 *   optional decimal part, ≤ 32 · letter ≤ 32 Latin letters · symbol ≤ 5 symbols · amount a
 *   currency sign and ≤ 10 digits · phone_number ≤ 17 of 0-9+-()#* · time/date in China time,
 *   24-hour clock: 2026年11月24日 14:00 / 2026年11月24日
 */

const HAN = /\p{Script=Han}/u
const HAN_ALL = /\p{Script=Han}/gu

/** Control and format characters out, runs of white space to one space, ends trimmed. */
function clean(value: string): string {
  return value
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Cuts to `max` characters (code points), ending with '…' when cut. */
export function fitChars(value: string, max: number): string {
  const chars = [...value.trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

/** A `thing` value: at most 20 characters; empty input becomes '-' (WeChat refuses empty values). */
export function thing(value: string): string {
  return fitChars(clean(value), 20) || '-'
}

/** A `character_string` value: ≤ 32 printable ASCII characters (an order number, a booth). */
export function characterString(value: string): string {
  return (
    clean(value)
      .replace(/[^\x21-\x7e]/g, '')
      .slice(0, 32) || '-'
  )
}

/** A `phrase` value: ≤ 5 Chinese characters and nothing else; `fallback` when the input has none. */
export function phrase(value: string, fallback = '通知'): string {
  const han = clean(value).match(HAN_ALL)?.join('') ?? ''
  return [...(han || fallback)].slice(0, 5).join('')
}

/** A `name` value: ≤ 10 characters when it has Chinese, else ≤ 20 printable ASCII. */
export function name(value: string): string {
  const v = clean(value)
  if (HAN.test(v)) {
    const cut = fitChars(v, 10)
    if (HAN.test(cut)) return cut
  }
  return (
    v
      .replace(/[^\x20-\x7e]/g, '')
      .slice(0, 20)
      .trim() || '-'
  )
}

/** A `number` value: digits with an optional decimal part, ≤ 32 characters. */
export function number(value: string | number): string {
  const m = /\d+(?:\.\d+)?/.exec(String(value))
  return m ? m[0].slice(0, 32).replace(/\.$/, '') : '0'
}

/** A `letter` value: ≤ 32 Latin letters. */
export function letter(value: string): string {
  return value.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'NA'
}

/** A `symbol` value: ≤ 5 symbols. */
export function symbol(value: string): string {
  return [...value.replace(/[\p{L}\p{N}\s]/gu, '')].slice(0, 5).join('') || '-'
}

/** An `amount` value: ¥ and at most 10 digits with 2 decimals (yuan). */
export function amount(value: string | number): string {
  const n = Math.min(Math.max(Number(String(value).replace(/[^\d.]/g, '')) || 0, 0), 9_999_999_999)
  const fixed = n.toFixed(2).replace(/\.00$/, '')
  return `¥${fixed}`
}

/** A `phone_number` value: ≤ 17 of 0-9 + - ( ) # *. */
export function phoneNumber(value: string): string {
  return value.replace(/[^0-9+\-()#*]/g, '').slice(0, 17) || '-'
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

function asDate(at: Date | string | number): Date {
  const d = at instanceof Date ? at : new Date(at)
  if (Number.isNaN(d.getTime())) throw new Error(`not a time: ${String(at)}`)
  return d
}

/** A `date` value: 2026年11月24日 (China time). */
export function date(at: Date | string | number): string {
  const p = parts(asDate(at))
  return `${p.year}年${p.month}月${p.day}日`
}

/** A `time` value: 2026年11月24日 14:00 (China time, 24-hour clock). */
export function time(at: Date | string | number): string {
  const d = asDate(at)
  const p = parts(d)
  return `${date(d)} ${p.hour}:${p.minute}`
}

/** `thing12` → `thing`; `character_string3` → `character_string`. */
export function keywordType(key: string): string {
  return key.replace(/\d+$/, '')
}

/** A raw value for a keyword: text, a number, or (time/date) a moment. */
export type KeywordValue = string | number | Date

/** Fits `raw` to the rule of keyword `key`'s type; an unknown type is a programming error. */
export function fitKeyword(key: string, raw: KeywordValue): string {
  const type = keywordType(key)
  if (type === 'time') return time(raw)
  if (type === 'date') return date(raw)
  if (type === 'number') return number(raw instanceof Date ? raw.getTime() : raw)
  if (type === 'amount') return amount(raw instanceof Date ? 0 : raw)
  const text = raw instanceof Date ? time(raw) : String(raw)
  switch (type) {
    case 'thing':
      return thing(text)
    case 'character_string':
      return characterString(text)
    case 'phrase':
      return phrase(text)
    case 'name':
      return name(text)
    case 'letter':
      return letter(text)
    case 'symbol':
      return symbol(text)
    case 'phone_number':
      return phoneNumber(text)
    default:
      throw new Error(`no fitter for subscribe keyword type "${type}" (${key})`)
  }
}
