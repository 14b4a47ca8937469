/**
 * The editor's model: stored content (read leniently) → a draft the form edits → the content to
 * save (months normalised, empty entries dropped), and zod issues → messages per field path.
 */
import {
  EducationDegree,
  type ResumeContent,
  ResumeGender,
  type StoredResumeContent,
} from '../../contracts/resumes'

export type Draft = ResumeContent
export type EntrySection =
  | 'education'
  | 'internships'
  | 'projects'
  | 'awards'
  | 'skills'
  | 'certificates'
  | 'campusRoles'

/** The fields of each list section's entries, in form order. */
export const ENTRY_FIELDS = {
  education: ['school', 'major', 'degree', 'start', 'end', 'gpa', 'courses'],
  internships: ['company', 'role', 'start', 'end', 'description'],
  projects: ['name', 'role', 'start', 'end', 'description'],
  awards: ['name', 'date', 'description'],
  skills: ['name', 'level'],
  certificates: ['name', 'date'],
  campusRoles: ['organization', 'role', 'start', 'end', 'description'],
} as const

const pick = (v: Record<string, string> | undefined, keys: readonly string[]) => {
  const out: Record<string, string> = {}
  for (const k of keys) if (typeof v?.[k] === 'string') out[k] = v[k]
  return out
}

/** Stored content → the editor's draft (enum fields kept only when they are one of the values). */
export function toDraft(c: StoredResumeContent): Draft {
  const p = c.personal ?? {}
  const gender = ResumeGender.safeParse(p.gender)
  const personal = {
    ...pick(p, ['name', 'birthDate', 'phone', 'email', 'city', 'politicalStatus', 'hometown']),
    ...(gender.success ? { gender: gender.data } : {}),
  }
  const i = c.intention ?? {}
  const intention = {
    ...(typeof i.position === 'string' ? { position: i.position } : {}),
    ...(typeof i.salary === 'string' ? { salary: i.salary } : {}),
    ...(typeof i.nature === 'string' ? { nature: i.nature } : {}),
    cities: Array.isArray(i.cities) ? i.cities : [],
  }
  const entries = <K extends EntrySection>(k: K) => (c[k] ?? []).map((e) => pick(e, ENTRY_FIELDS[k]))
  return {
    personal,
    intention,
    education: entries('education').map((e) => {
      const degree = EducationDegree.safeParse(e.degree)
      const { degree: _, ...rest } = e
      return { ...rest, ...(degree.success ? { degree: degree.data } : {}) }
    }),
    internships: entries('internships'),
    projects: entries('projects'),
    awards: entries('awards'),
    skills: entries('skills'),
    certificates: entries('certificates'),
    campusRoles: entries('campusRoles'),
    selfEvaluation: c.selfEvaluation ?? '',
  }
}

/** "2020.9", "2020/09", "2020年9月", "202009" → "2020-09"; anything else as typed (the schema then says why). */
export function normalizeMonth(v: string | undefined): string | undefined {
  if (v === undefined) return v
  const s = v.trim()
  const m = /^(\d{4})\s*[.\-/年]?\s*(\d{1,2})\s*月?$/.exec(s)
  if (!m) return s
  const month = Number(m[2])
  return month >= 1 && month <= 12 ? `${m[1]}-${String(month).padStart(2, '0')}` : s
}

const MONTH_FIELDS = new Set(['start', 'end', 'date', 'birthDate'])

function isBlankEntry(e: Record<string, unknown>): boolean {
  return Object.values(e).every((v) => typeof v !== 'string' || v.trim() === '')
}

/** What Save sends: months normalised, entries with nothing in them dropped, cities de-duplicated. */
export function toContent(d: Draft): ResumeContent {
  const months = <T extends Record<string, unknown>>(e: T): T =>
    Object.fromEntries(
      Object.entries(e).map(([k, v]) => [
        k,
        MONTH_FIELDS.has(k) && typeof v === 'string' ? normalizeMonth(v) : v,
      ]),
    ) as T
  const list = <T extends Record<string, unknown>>(xs: T[] | undefined) =>
    (xs ?? []).filter((e) => !isBlankEntry(e)).map(months)
  return {
    personal: d.personal ? months(d.personal) : {},
    intention: {
      ...d.intention,
      cities: [...new Set((d.intention?.cities ?? []).map((c) => c.trim()).filter(Boolean))],
    },
    education: list(d.education),
    internships: list(d.internships),
    projects: list(d.projects),
    awards: list(d.awards),
    skills: list(d.skills),
    certificates: list(d.certificates),
    campusRoles: list(d.campusRoles),
    selfEvaluation: d.selfEvaluation ?? '',
  }
}

/** zod issues (or the API's `fields`, which prefix `content.`) → the first message per dotted path. */
export function messagesByPath(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = i.path.map(String).join('.')
    if (!out[key]) out[key] = i.message
  }
  return out
}

export function apiFieldsByPath(fields: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields ?? {})) out[k.replace(/^content\./, '')] = v
  return out
}

/** The e2e hook and form name of a field path: `education.0.school` → `education-0-school`. */
export function hook(path: string): string {
  return path.replace(/\./g, '-')
}
