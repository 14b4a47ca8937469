import type {
  TalentCard,
  TalentDetailResponse,
  TalentSearchQuery,
  TalentSearchResponse,
} from '../../../src/contracts/talent'
import { requireCompany } from '../applications/company'
import { type ContentFieldsRow, contentFields, withoutPhone } from '../applications/content'
import { notFound } from '../applications/errors'
import { type KeysetRow, keysetKey, keysetPage, parseKeyset } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { listSentInvites } from '../job-invites'

/**
 * 人才搜索 over `public.resumes`. Which resumes an employer may read is the resumes policy's rule
 * (000630: members of verified companies, students whose privacy_settings.resume_searchable is on);
 * this file adds no `where` of its own about who may be found. The phone shows only when the
 * student's phone_visible is on (app.talent_phone_visible).
 */
interface TalentRow extends ContentFieldsRow {
  id: string
  user_id: string
  lang: 'zh' | 'en'
  completeness: number
  updated_at: Date
  cities: unknown
  skills: unknown
  phone_visible: boolean
}

const COLUMNS = `r.id, r.user_id, r.lang, r.completeness, r.updated_at, ${contentFields('r.content')},
  r.content #> '{intention,cities}' as cities, r.content -> 'skills' as skills,
  app.talent_phone_visible(r.user_id) as phone_visible`

/** Strings of a content list that may hold strings or objects with a `name`. */
function names(v: unknown, max: number): string[] {
  if (!Array.isArray(v)) return []
  return v
    .map((x) =>
      typeof x === 'string'
        ? x
        : x && typeof x === 'object' && typeof (x as { name?: unknown }).name === 'string'
          ? (x as { name: string }).name
          : '',
    )
    .filter((s) => s.length > 0)
    .slice(0, max)
}

function toCard(r: TalentRow): TalentCard {
  return {
    id: r.id,
    studentId: r.user_id,
    lang: r.lang,
    name: r.c_name,
    gender: r.c_gender,
    school: r.c_school,
    major: r.c_major,
    degree: r.c_degree,
    graduation: r.c_graduation,
    cities: names(r.cities, 10),
    skills: names(r.skills, 10),
    completeness: r.completeness,
    phone: r.phone_visible ? r.c_phone : null,
    updatedAt: r.updated_at.toISOString(),
  }
}

async function requireVerifiedCompany(db: Db): Promise<string> {
  const company = await requireCompany(db)
  const { rows } = await db.query<{ verified: boolean }>(
    'select verified_at is not null as verified from public.companies where id = $1',
    [company],
  )
  if (!rows[0]?.verified) throw new AppError('forbidden', '单位通过审核后才能使用人才搜索')
  return company
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Each student's default resume, most recently updated first, keyset-paged by (updated_at, id).
 * keyword: name, any school or major of the education list, any skill; degree / major: any
 * education entry; city: one of the intention's cities.
 */
export async function searchTalent(db: Db, q: TalentSearchQuery): Promise<TalentSearchResponse> {
  await requireVerifiedCompany(db)
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<TalentRow & KeysetRow>(
    `select ${COLUMNS}, ${keysetKey('r.updated_at')} as cursor_at from public.resumes r
     where r.is_default
       and ($1::text is null
            or (r.content #>> '{personal,name}') ilike $1
            or exists (select 1 from jsonb_array_elements(case when jsonb_typeof(r.content -> 'education') = 'array'
                         then r.content -> 'education' else '[]'::jsonb end) e
                       where e ->> 'school' ilike $1 or e ->> 'major' ilike $1)
            or exists (select 1 from jsonb_array_elements(case when jsonb_typeof(r.content -> 'skills') = 'array'
                         then r.content -> 'skills' else '[]'::jsonb end) k
                       where (case when jsonb_typeof(k) = 'string' then k #>> '{}' else k ->> 'name' end) ilike $1))
       and ($2::text is null
            or exists (select 1 from jsonb_array_elements(case when jsonb_typeof(r.content -> 'education') = 'array'
                         then r.content -> 'education' else '[]'::jsonb end) e where e ->> 'degree' = $2))
       and ($3::text is null
            or exists (select 1 from jsonb_array_elements(case when jsonb_typeof(r.content -> 'education') = 'array'
                         then r.content -> 'education' else '[]'::jsonb end) e where e ->> 'major' ilike $3))
       and ($4::text is null or coalesce(r.content #> '{intention,cities}', '[]'::jsonb) ? $4)
       and ($5::timestamptz is null or (r.updated_at, r.id) < ($5::timestamptz, $6::uuid))
     order by r.updated_at desc, r.id desc
     limit $7`,
    [
      q.keyword ? like(q.keyword) : null,
      q.degree ?? null,
      q.major ? like(q.major) : null,
      q.city ?? null,
      cursor?.at ?? null,
      cursor?.id ?? null,
      q.limit + 1,
    ],
  )
  const p = keysetPage(rows, q.limit)
  return { items: p.items.map(toCard), nextCursor: p.nextCursor }
}

/** One searchable resume, and the invitations my company already sent its student. */
export async function talentDetail(db: Db, id: string): Promise<TalentDetailResponse> {
  await requireVerifiedCompany(db)
  const { rows } = await db.query<TalentRow & { content: Record<string, unknown> }>(
    `select ${COLUMNS}, r.content from public.resumes r where r.id = $1 and r.user_id <> auth.uid()`,
    [id],
  )
  const r = rows[0]
  if (!r) throw notFound('talent', '该简历不存在或未公开')
  const invites = await listSentInvites(db, { studentId: r.user_id, limit: 50 })
  return {
    card: toCard(r),
    content: r.phone_visible ? r.content : withoutPhone(r.content),
    invites: invites.items,
  }
}
