/** Dates as Chinese users read them, in China time whatever the device's zone. */
const OFFSET_MS = 8 * 3600 * 1000

function parts(iso: string) {
  const d = new Date(new Date(iso).getTime() + OFFSET_MS)
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    hh: String(d.getUTCHours()).padStart(2, '0'),
    mm: String(d.getUTCMinutes()).padStart(2, '0'),
  }
}

/** `11月30日 09:00–12:00`, or both dates when the range spans days. */
export function formatRange(startIso: string, endIso: string): string {
  const a = parts(startIso)
  const b = parts(endIso)
  const sameDay = a.y === b.y && a.m === b.m && a.d === b.d
  return sameDay
    ? `${a.m}月${a.d}日 ${a.hh}:${a.mm}–${b.hh}:${b.mm}`
    : `${a.m}月${a.d}日 ${a.hh}:${a.mm} – ${b.m}月${b.d}日 ${b.hh}:${b.mm}`
}

/** `刚刚`, `5分钟前`, `3小时前`, else `11月30日 09:00`. */
export function formatRelative(iso: string, now = Date.now()): string {
  const diff = now - new Date(iso).getTime()
  if (diff < 60_000) return '刚刚'
  if (diff < 3600_000) return `${Math.floor(diff / 60_000)}分钟前`
  if (diff < 86400_000) return `${Math.floor(diff / 3600_000)}小时前`
  const p = parts(iso)
  return `${p.m}月${p.d}日 ${p.hh}:${p.mm}`
}

/** `2026年11月30日` in China time. */
export function formatDate(iso: string): string {
  const p = parts(iso)
  return `${p.y}年${p.m}月${p.d}日`
}

/** `14:05` in China time, for "try again after …". */
export function formatClock(epochMs: number): string {
  const p = parts(new Date(epochMs).toISOString())
  return `${p.hh}:${p.mm}`
}
