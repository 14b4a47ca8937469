/**
 * The demo events' details and fair participants (`seedDemoEvents`, called by ./seed.ts after the
 * demo jobs): supabase/seed.sql inserts the four demo events; here they get what issue 12 added —
 * city, description, the info session's company, the online fair's link, registration deadline and
 * check-in window — and the autumn fair 2–3 approved employers with booths and their jobs.
 * Idempotent: updates fill only empty columns, inserts are `on conflict do nothing`.
 */
import type pg from 'pg'
import { DEMO_COMPANIES } from './demo-jobs'

const SCHOOL = '00000000-0000-4000-8000-000000000001'
const STAFF = '00000000-0000-4000-8000-000000003001'
export const DEMO_FAIR = '00000000-0000-4000-8000-000000010001'
/** fairstaff1 (supabase/seed.sql) */
const DEMO_FAIR_STAFF = '00000000-0000-4000-8000-000000004001'
export const DEMO_INFO_SESSION = '00000000-0000-4000-8000-000000010002'
export const DEMO_ONLINE_FAIR = '00000000-0000-4000-8000-000000010003'
export const DEMO_DRAFT_FAIR = '00000000-0000-4000-8000-000000010004'

const DETAILS: Array<{
  id: string
  city: string | null
  description: string
  companyId?: string
  onlineUrl?: string
  /** registration closes this long before the start; check-in opens 1 h before and closes at the end */
  onsite: boolean
}> = [
  {
    id: DEMO_FAIR,
    city: '北京',
    description:
      '面向2027届毕业生的秋季大型双选会，百余家用人单位现场招聘，涵盖互联网、金融、制造、教育等行业。请携带简历，凭入场券二维码入场。',
    onsite: true,
  },
  {
    id: DEMO_INFO_SESSION,
    city: '北京',
    description: '示范科技有限公司来校宣讲：公司介绍、校招岗位解读、现场答疑与简历投递。',
    companyId: DEMO_COMPANIES[0]!.id,
    onsite: true,
  },
  {
    id: DEMO_ONLINE_FAIR,
    city: null,
    description: '信息技术类专场空中双选会，线上直播宣讲、在线投递，无需报名。',
    onlineUrl: 'https://live.demo.edu.cn/fairs/it-2027',
    onsite: false,
  },
  {
    id: DEMO_DRAFT_FAIR,
    city: '北京',
    description: '春季双选会筹备中，发布前请补充参会单位与展位安排。',
    onsite: true,
  },
]

export async function seedDemoEvents(client: Pick<pg.Client, 'query'>): Promise<void> {
  for (const d of DETAILS) {
    await client.query(
      `update public.events set
         city = coalesce(city, $2), description = coalesce(description, $3),
         company_id = coalesce(company_id, $4::uuid), online_url = coalesce(online_url, $5),
         created_by = coalesce(created_by, $6::uuid),
         registration_closes_at = coalesce(registration_closes_at, case when $7 then starts_at - interval '1 day' end),
         checkin_opens_at = coalesce(checkin_opens_at, case when $7 then starts_at - interval '1 hour' end),
         checkin_closes_at = coalesce(checkin_closes_at, case when $7 then ends_at end),
         published_at = coalesce(published_at, case when status = 'published' then created_at end)
       where id = $1`,
      [d.id, d.city, d.description, d.companyId ?? null, d.onlineUrl ?? null, STAFF, d.onsite],
    )
  }
  // the autumn fair's approved employers: booths A01…, each with up to three of its open jobs
  const participants = DEMO_COMPANIES.slice(0, 3)
  for (const [i, c] of participants.entries()) {
    await client.query(
      `insert into public.event_companies (event_id, company_id, status, booth, note, job_ids, applied_at, decided_by, decided_at)
       select $1, $2, 'approved', $3, '欢迎同学们到展位交流', coalesce(array(
           select j.id from public.jobs j
           where j.company_id = $2 and j.status = 'published'
             and j.deadline >= (now() at time zone 'Asia/Shanghai')::date
           order by j.published_at desc, j.id limit 3), '{}'),
         now() - interval '2 days', $4, now() - interval '1 day'
       where exists (select 1 from public.events where id = $1 and school_id = $5)
       on conflict do nothing`,
      [DEMO_FAIR, c.id, `A${String(i + 1).padStart(2, '0')}`, STAFF, SCHOOL],
    )
  }
  // fairstaff1 scans at the autumn fair's gates (我的 → 入场签到)
  await client.query(
    `insert into public.event_staff (event_id, user_id)
     select $1, $2 where exists (select 1 from public.app_users where id = $2 and role = 'fair_staff')
     on conflict do nothing`,
    [DEMO_FAIR, DEMO_FAIR_STAFF],
  )
}
