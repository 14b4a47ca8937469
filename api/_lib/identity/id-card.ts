/**
 * Mainland resident ID numbers (GB 11643-1999): 17 digits and a check character. Validated by
 * region, birth date and checksum before anything is stored.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type IdCardProblem = 'format' | 'region' | 'birth_date' | 'checksum'

export const ID_CARD_PROBLEM_MESSAGES: Record<IdCardProblem, string> = {
  format: '身份证号应为18位，最后一位可为数字或X',
  region: '身份证号的地区码不正确',
  birth_date: '身份证号中的出生日期不正确',
  checksum: '身份证号校验位不正确，请核对',
}

export function normalizeIdCard(raw: string): string {
  return raw.trim().replace(/\s+/g, '').toUpperCase()
}

export function checkIdCard(
  raw: string,
): { ok: true; value: string } | { ok: false; problem: IdCardProblem } {
  const v = normalizeIdCard(raw)
  if (!/^\d{17}[\dX]$/.test(v)) return { ok: false, problem: 'format' }
  if (!/^[1-8]\d{5}/.test(v)) return { ok: false, problem: 'region' }
  const y = Number(v.slice(6, 10))
  const m = Number(v.slice(10, 12))
  const d = Number(v.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const valid =
    y >= 1900 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    date.getTime() <= Date.now()
  if (!valid) return { ok: false, problem: 'birth_date' }
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * WEIGHTS[i]!
  if (CHECK[sum % 11] !== v[17]) return { ok: false, problem: 'checksum' }
  return { ok: true, value: v }
}

/** `1101**********1234`: region prefix and last four, enough for a person to recognise their own. */
export function maskIdCard(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`
}

/** Builds a valid number from 17 digits (tests and demo data). */
export function withCheckDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return first17 + CHECK[sum % 11]
}
