import { QUIET_HOURS } from '../../../src/contracts/push'

/** China has been UTC+8 all year since 1991: no daylight saving to track. */
const CHINA_OFFSET_MS = 8 * 3600_000

/**
 * When a WeChat message written at `at` may go out for a student with 免打扰 on: null when `at` is
 * outside 22:00–08:00 China time (send now), else the next 08:00 China time. 22:00:00 is quiet,
 * 08:00:00 is not. The inbox row is written at once either way; only WeChat waits (`sendAfter`).
 */
export function quietHoursEnd(at: Date): Date | null {
  const china = new Date(at.getTime() + CHINA_OFFSET_MS)
  const hour = china.getUTCHours()
  if (hour >= QUIET_HOURS.until && hour < QUIET_HOURS.from) return null
  // 08:00 China is 00:00 UTC of the same China date: that date is tomorrow's after 22:00
  const day = Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate())
  const morning = day + QUIET_HOURS.until * 3600_000 - CHINA_OFFSET_MS
  return new Date(hour >= QUIET_HOURS.from ? morning + 86_400_000 : morning)
}

/** The China date of `at`, YYYY-MM-DD: the digest's day. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}
