import type {
  EventCompany,
  EventDetail,
  EventForm,
  FairApplication,
  RegistrationState,
} from '../../../src/contracts/events'
import type { Db, Tx } from '../db/tx'
import { logoUrl } from '../jobs/company-profile'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from '../jobs/row'
import { type Caller, checkinWindow, EVENT_FROM, type EventRow, eventColumns, toEventSummary } from './row'

interface DetailRow extends EventRow {
  description: string | null
  online_url: string | null
  registration_closes_at: Date | null
  checkin_opens_at: Date | null
  checkin_closes_at: Date | null
  published_at: Date | null
  created_at: Date
  updated_at: Date
  company_logo_path: string | null
  can_manage: boolean
}

interface ApplicationRow {
  event_id: string
  company_id: string
  company_name: string
  logo_path: string | null
  status: FairApplication['status']
  booth: string | null
  note: string | null
  job_ids: string[]
  applied_at: Date
  decided_at: Date | null
  reject_reason: string | null
}

/** A company with its logo path, before the logo is signed (outside the transaction). */
type Unsigned<T> = Omit<T, 'logoUrl'> & { logoPath: string | null }

const APPLICATION_COLUMNS = `ec.event_id, ec.company_id, coalesce(c.name, '') as company_name, c.logo_path,
  ec.status, ec.booth, ec.note, ec.job_ids, ec.applied_at, ec.decided_at, ec.reject_reason`
/** anon's column grant names only who takes part and where (000710); the rest reads as empty */
const PUBLIC_APPLICATION_COLUMNS = `ec.event_id, ec.company_id, coalesce(c.name, '') as company_name, c.logo_path,
  ec.status, ec.booth, null::text as note, ec.job_ids, to_timestamp(0) as applied_at,
  null::timestamptz as decided_at, null::text as reject_reason`

/** The published jobs among `ids`, as the caller may see them, by id. */
async function jobsById(db: Db, ids: string[]): Promise<Map<string, ReturnType<typeof toJobSummary>>> {
  if (ids.length === 0) return new Map()
  const { rows } = await db.query<JobSummaryRow>(
    `select ${JOB_SUMMARY_COLUMNS} from public.jobs j where j.id = any ($1::uuid[]) and j.status = 'published'`,
    [ids],
  )
  return new Map(rows.map((r) => [r.id, toJobSummary(r)]))
}

function pick<T>(ids: string[], byId: Map<string, T>): T[] {
  return ids.flatMap((id) => {
    const j = byId.get(id)
    return j ? [j] : []
  })
}

/** The fair's applications the caller may see (policy), participants (approved) first by booth. */
export async function readApplications(
  db: Db,
  eventId: string,
  only: { companyId?: string; anon?: boolean } = {},
): Promise<{ rows: ApplicationRow[]; jobs: Map<string, ReturnType<typeof toJobSummary>> }> {
  const { rows } = await db.query<ApplicationRow>(
    `select ${only.anon ? PUBLIC_APPLICATION_COLUMNS : APPLICATION_COLUMNS}
     from public.event_companies ec left join public.companies c on c.id = ec.company_id
     where ec.event_id = $1 and ($2::uuid is null or ec.company_id = $2::uuid)
     order by ec.status = 'approved' desc, ec.booth nulls last, ${only.anon ? '' : 'ec.applied_at, '}ec.company_id`,
    [eventId, only.companyId ?? null],
  )
  const jobs = await jobsById(db, [...new Set(rows.flatMap((r) => r.job_ids))])
  return { rows, jobs }
}

export function toApplication(
  r: ApplicationRow,
  jobs: Map<string, ReturnType<typeof toJobSummary>>,
): FairApplication {
  return {
    eventId: r.event_id,
    companyId: r.company_id,
    companyName: r.company_name,
    status: r.status,
    booth: r.booth,
    note: r.note,
    jobIds: r.job_ids,
    jobs: pick(r.job_ids, jobs),
    appliedAt: r.applied_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    rejectReason: r.reject_reason,
  }
}

export function toParticipant(
  r: ApplicationRow,
  jobs: Map<string, ReturnType<typeof toJobSummary>>,
): Unsigned<EventCompany> {
  return {
    companyId: r.company_id,
    name: r.company_name,
    logoPath: r.logo_path,
    booth: r.booth,
    jobs: pick(r.job_ids, jobs),
  }
}

export async function signCompanies(list: Unsigned<EventCompany>[]): Promise<EventCompany[]> {
  return Promise.all(
    list.map(async ({ logoPath, ...c }) => ({ ...c, logoUrl: await logoUrl(c.companyId, logoPath) })),
  )
}

/** The page's reading of app.register_event's rules (the function decides; this only shows them). */
export function registrationState(r: {
  mode: string
  status: string
  my_ticket_id: string | null
  starts_at: Date
  registration_closes_at: Date | null
  capacity: number | null
  registered_count: number
}): RegistrationState {
  if (r.mode === 'online') return 'not_needed'
  if (r.status !== 'published') return 'not_open'
  if (r.my_ticket_id) return 'registered'
  if (Date.now() >= (r.registration_closes_at ?? r.starts_at).getTime()) return 'closed'
  if (r.capacity !== null && r.registered_count >= r.capacity) return 'full'
  return 'open'
}

function toForm(r: DetailRow): EventForm {
  return {
    kind: r.kind,
    mode: r.mode,
    title: r.title,
    description: r.description,
    venue: r.venue,
    city: r.city,
    onlineUrl: r.online_url,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    capacity: r.capacity,
    registrationClosesAt: r.registration_closes_at?.toISOString() ?? null,
    checkinOpensAt: r.checkin_opens_at?.toISOString() ?? null,
    checkinClosesAt: r.checkin_closes_at?.toISOString() ?? null,
    companyId: r.company_id,
  }
}

/**
 * `GET /api/events/:id`: the event as the caller may see it (null: no such event, or not theirs to
 * see), its participants with their jobs, and the caller's own ticket / application. The queries
 * run in one transaction; logos are signed after it (storage may be an HTTP call).
 */
export async function loadEventDetail(tx: Tx, caller: Caller, eventId: string): Promise<EventDetail | null> {
  const loaded = await tx(async (db) => {
    const manage = caller.userId
      ? `(e.school_id = (select app.my_school()) and (select app.my_role()) = 'school_staff')`
      : 'false'
    const { rows } = await db.query<DetailRow>(
      `select ${eventColumns(caller)}, e.description, e.online_url, e.registration_closes_at,
              e.checkin_opens_at, e.checkin_closes_at, e.published_at, e.created_at, e.updated_at,
              c.logo_path as company_logo_path, ${manage} as can_manage
       from ${EVENT_FROM} where e.id = $2`,
      [caller.userId, eventId],
    )
    const row = rows[0]
    if (!row) return null
    let participants: Unsigned<EventCompany>[] = []
    let mine: FairApplication | null = null
    if (row.kind === 'fair') {
      const apps = await readApplications(db, eventId, { anon: !caller.userId })
      // approved rows of a published event are public; a manager also sees approved rows of a draft
      participants = apps.rows.filter((a) => a.status === 'approved').map((a) => toParticipant(a, apps.jobs))
      if (caller.userId) {
        const { rows: me } = await db.query<{ company_id: string | null }>(
          'select app.my_company() as company_id',
        )
        const companyId = me[0]?.company_id
        const own = companyId ? apps.rows.find((a) => a.company_id === companyId) : undefined
        if (own) mine = toApplication(own, apps.jobs)
      }
    } else if (row.company_id && row.company_name) {
      const { rows: jobs } = await db.query<JobSummaryRow>(
        `select ${JOB_SUMMARY_COLUMNS} from public.jobs j
         where j.company_id = $1 and j.status = 'published'
           and j.deadline >= (now() at time zone 'Asia/Shanghai')::date
         order by j.published_at desc, j.id desc limit 50`,
        [row.company_id],
      )
      participants = [
        {
          companyId: row.company_id,
          name: row.company_name,
          logoPath: row.company_logo_path,
          booth: null,
          jobs: jobs.map(toJobSummary),
        },
      ]
    }
    return { row, participants, mine }
  })
  if (!loaded) return null
  const { row, participants, mine } = loaded
  const window = checkinWindow(row)
  const state = registrationState(row)
  const companies = await signCompanies(participants)
  const company =
    row.company_id && row.company_name
      ? {
          id: row.company_id,
          name: row.company_name,
          logoUrl: await logoUrl(row.company_id, row.company_logo_path),
        }
      : null
  return {
    ...toEventSummary(row),
    description: row.description,
    onlineUrl: row.mode === 'online' ? row.online_url : null,
    company: row.kind === 'info_session' ? company : null,
    registrationClosesAt:
      row.mode === 'onsite' ? (row.registration_closes_at ?? row.starts_at).toISOString() : null,
    checkinOpensAt: window.opensAt,
    checkinClosesAt: window.closesAt,
    registrationState: state,
    registrationOpen: state === 'open',
    companies,
    myApplication: mine,
    canManage: row.can_manage,
    form: row.can_manage ? toForm(row) : null,
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }
}
