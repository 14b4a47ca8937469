import type { z } from 'zod'
import { AppError, type FieldErrors } from './errors'

/** Parses with a zod schema; failures become `validation_failed` with a Chinese message per field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) {
    const nul = findNul(result.data, [])
    if (nul) {
      const key = nul.length ? nul.join('.') : '_'
      throw new AppError('validation_failed', '提交的内容有误：不能包含空字符', {
        fields: { [key]: '不能包含空字符' },
      })
    }
    return result.data
  }
  const fields: FieldErrors = {}
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_'
    if (!fields[key]) fields[key] = chineseMessage(issue)
  }
  const first = Object.values(fields)[0]
  throw new AppError('validation_failed', first ? `提交的内容有误：${first}` : undefined, { fields })
}

/** Schemas carry Chinese messages where a user can err; zod's English defaults get a Chinese fallback. */
function chineseMessage(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '此项必填' : '格式不正确'
    case 'too_small':
      return '内容过短或数值过小'
    case 'too_big':
      return '内容过长或数值过大'
    case 'invalid_format':
      return '格式不正确'
    case 'invalid_value':
      return '取值不在允许范围内'
    case 'unrecognized_keys':
      return '包含不支持的字段'
    default:
      return '格式不正确'
  }
}

/**
 * Postgres text cannot hold U+0000 (it fails with 22021 deep inside a query), and no form field
 * has a use for it: the path of the first string holding one, or null.
 */
function findNul(value: unknown, at: (string | number)[]): (string | number)[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...at, i])
      if (found) return found
    }
    return null
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) {
      const found = findNul(v, [...at, k])
      if (found) return found
    }
  }
  return null
}
