/** Students with intentions, push settings and roster records for the push tests, via the service path. */
import { withServiceTx } from '../../api/_lib/db/tx'
import { makeStudent, type TestUser } from '../support/fixtures'
import { makeRosterEntry } from '../support/roster-fixtures'

export interface IntentionFixture {
  plan: string
  natures: string[]
  cities: string[]
  categories: string[]
  industries: string[]
  companyTypes: string[]
  companySizes: string[]
  salaryMin: number | null
  subscribed: boolean
}

export async function setIntention(userId: string, over: Partial<IntentionFixture>): Promise<void> {
  const i: IntentionFixture = {
    plan: 'employment',
    natures: [],
    cities: [],
    categories: [],
    industries: [],
    companyTypes: [],
    companySizes: [],
    salaryMin: null,
    subscribed: true,
    ...over,
  }
  await withServiceTx('test fixture', (db) =>
    db.query(
      `insert into public.job_intentions (user_id, plan, natures, cities, categories, industries, company_types,
         company_sizes, salary_min, subscribed)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (user_id) do update set plan = excluded.plan, natures = excluded.natures, cities = excluded.cities,
         categories = excluded.categories, industries = excluded.industries, company_types = excluded.company_types,
         company_sizes = excluded.company_sizes, salary_min = excluded.salary_min, subscribed = excluded.subscribed`,
      [
        userId,
        i.plan,
        i.natures,
        i.cities,
        i.categories,
        i.industries,
        i.companyTypes,
        i.companySizes,
        i.salaryMin,
        i.subscribed,
      ],
    ),
  )
}

export async function setPushSettings(
  userId: string,
  s: { mode?: 'instant' | 'digest'; quietHours?: boolean },
): Promise<void> {
  await withServiceTx('test fixture', (db) =>
    db.query(
      `insert into public.push_settings (user_id, mode, quiet_hours) values ($1, $2, $3)
       on conflict (user_id) do update set mode = excluded.mode, quiet_hours = excluded.quiet_hours`,
      [userId, s.mode ?? 'instant', s.quietHours ?? true],
    ),
  )
}

/** A student with an intention (and, with `degree`, a bound roster record: major 软件工程). */
export async function makeStudentWith(
  intention: Partial<IntentionFixture>,
  opts: { degree?: 'junior_college' | 'bachelor' | 'master' | 'doctor'; mode?: 'instant' | 'digest' } = {},
): Promise<TestUser> {
  const u = await makeStudent()
  await setIntention(u.id, intention)
  if (opts.degree) {
    const entry = await makeRosterEntry(u.schoolId!, { degreeLevel: opts.degree })
    await withServiceTx('test fixture', (db) =>
      db.query('update public.roster_entries set bound_user_id = $2, bound_at = now() where id = $1', [
        entry.id,
        u.id,
      ]),
    )
  }
  if (opts.mode) await setPushSettings(u.id, { mode: opts.mode })
  return u
}

export interface PushItemRow {
  user_id: string
  job_id: string
  reasons: string[]
  score: number
  delivered_at: Date | null
  digest_day: string | null
}

export async function pushItems(jobId?: string): Promise<PushItemRow[]> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<PushItemRow>(
      `select user_id, job_id, reasons, score, delivered_at, to_char(digest_day, 'YYYY-MM-DD') as digest_day
       from public.push_items where $1::uuid is null or job_id = $1 order by created_at, user_id`,
      [jobId ?? null],
    )
    return rows
  })
}

export async function pushMessages(
  userId: string,
): Promise<Array<{ title: string; body: string; link: string }>> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ title: string; body: string; link: string }>(
      `select title, body, link from public.messages where user_id = $1 and kind = 'job_push' order by created_at, id`,
      [userId],
    )
    return rows
  })
}
