/**
 * Subscribe-message keyword rules, as WeChat documents them ("订阅消息参数值内容限制说明"):
 * the keyword's type is its name without the trailing digits (`thing1` → `thing`), and each type
 * limits what its value may contain. A value that breaks its rule answers 47003.
 */

const HAN = /\p{Script=Han}/u
const ONLY_HAN = /^\p{Script=Han}+$/u

/** Date part: 2019年10月1日, 2019-10-01, 2019/10/01, 2019.10.01 (month and day with or without zero). */
const DATE_PART = String.raw`\d{4}(?:年\d{1,2}月\d{1,2}日|([-/.])\d{1,2}\1\d{1,2})`
/** 24-hour clock: 15:01 or 15:01:59. */
const TIME_PART = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`

const TIME_POINT = new RegExp(`^(?:${DATE_PART}\\s*)?${TIME_PART}$`)
const DATE_POINT = new RegExp(`^${DATE_PART}(?:\\s*${TIME_PART})?$`)

function chars(value: string): number {
  return [...value].length
}

/** Time or date values may be a range of two points joined by `~`. */
function pointOrRange(value: string, point: RegExp): boolean {
  const parts = value.split('~').map((p) => p.trim())
  if (parts.length > 2) return false
  return parts.every((p) => point.test(p))
}

type Rule = (value: string) => boolean

export const KEYWORD_RULES: Record<string, Rule> = {
  // 20个以内字符，可汉字、数字、字母或符号组合
  thing: (v) => chars(v) <= 20,
  // 32位以内数字，只能数字，可带小数
  number: (v) => v.length <= 32 && /^\d+(?:\.\d+)?$/.test(v),
  // 32位以内字母
  letter: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v),
  // 5位以内符号
  symbol: (v) => chars(v) <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(v),
  // 32位以内数字、字母或符号
  character_string: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  // 24小时制时间格式（支持+年月日），支持时间段（~ 连接）
  time: (v) => pointOrRange(v, TIME_POINT),
  // 年月日格式（支持+24小时制时间），支持时间段（~ 连接）
  date: (v) => pointOrRange(v, DATE_POINT),
  // 1个币种符号+10位以内纯数字，可带小数，结尾可带“元”
  amount: (v) => /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v),
  // 17位以内，数字、符号
  phone_number: (v) => v.length <= 17 && /^[0-9+\-()#*]+$/.test(v),
  // 8位以内，第一位与最后一位可为汉字，其余为字母或数字
  car_number: (v) => {
    const c = [...v]
    if (c.length > 8) return false
    return c.every((ch, i) => /^[A-Za-z0-9]$/.test(ch) || ((i === 0 || i === c.length - 1) && HAN.test(ch)))
  },
  // 10个以内纯汉字或20个以内纯字母或符号；中文和字母混合按中文名算（10个字内）
  name: (v) => (HAN.test(v) ? chars(v) <= 10 : v.length <= 20 && /^[\x21-\x7e ]+$/.test(v)),
  // 5个以内纯汉字
  phrase: (v) => chars(v) <= 5 && ONLY_HAN.test(v),
}

/** `thing12` → `thing`; `character_string3` → `character_string`. */
export function keywordType(key: string): string {
  return key.replace(/\d+$/, '')
}

/**
 * Checks template data against the template's keywords. Returns the errmsg WeChat would give
 * (without the rid), or null when the data is acceptable.
 */
export function checkTemplateData(keywords: readonly string[], data: unknown): string | null {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'argument invalid! data is empty'
  const entries = data as Record<string, unknown>
  for (const key of Object.keys(entries)) {
    if (!keywords.includes(key)) return `argument invalid! data.${key} is not in the template`
  }
  for (const key of keywords) {
    const item = entries[key]
    const raw = item && typeof item === 'object' ? (item as { value?: unknown }).value : undefined
    const value = typeof raw === 'number' ? String(raw) : raw
    if (typeof value !== 'string' || value.trim() === '')
      return `argument invalid! data.${key}.value is empty`
    const rule = KEYWORD_RULES[keywordType(key)]
    if (rule && !rule(value)) return `argument invalid! data.${key}.value invalid`
  }
  return null
}
