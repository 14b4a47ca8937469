/**
 * The events' data for the ticket flows (weapp and H5): a published on-site fair of a school with an
 * approved employer at a booth and the job it brings, written through the service path as school
 * staff's pages would leave it; and the ticket's public key as the database keeps it.
 */
import jsQR from 'jsqr'
import { withServiceTx } from '../../../api/_lib/db/tx'

export interface FairSeed {
  schoolId: string
  title: string
  kind?: 'fair' | 'info_session'
  city?: string
  venue?: string
  /** hours from now to the start (default 24) */
  startsInHours?: number
  capacity?: number
  booth?: { companyId: string; booth: string; jobIds: string[] }
}

export async function addPublishedEvent(e: FairSeed): Promise<string> {
  const startsIn = e.startsInHours ?? 24
  return withServiceTx('test fixture', async (db) => {
    const { rows } = await db.query<{ id: string }>(
      `insert into public.events (school_id, kind, mode, title, venue, city, description, starts_at, ends_at,
         capacity, status, published_at)
       values ($1, $2, 'onsite', $3, $4, $5, '百余家单位现场招聘，请携带简历。',
         now() + make_interval(hours => $6::int), now() + make_interval(hours => $6::int + 4),
         $7, 'published', now())
       returning id`,
      [
        e.schoolId,
        e.kind ?? 'fair',
        e.title,
        e.venue ?? '体育馆一楼',
        e.city ?? '杭州',
        startsIn,
        e.capacity ?? 200,
      ],
    )
    const id = rows[0]!.id
    if (e.booth) {
      await db.query(
        `insert into public.event_companies (event_id, company_id, status, booth, job_ids, decided_at)
         values ($1, $2, 'approved', $3, $4, now())`,
        [id, e.booth.companyId, e.booth.booth, e.booth.jobIds],
      )
    }
    return id
  })
}

/** The ticket's Ed25519 public key as registration stored it (what the door list hands staff). */
export async function storedPublicKey(ticketId: string): Promise<Uint8Array> {
  return withServiceTx('test: read back', async (db) => {
    const { rows } = await db.query<{ public_key: Buffer }>(
      'select public_key from public.tickets where id = $1',
      [ticketId],
    )
    if (!rows[0]) throw new Error(`no ticket ${ticketId}`)
    return new Uint8Array(rows[0].public_key)
  })
}

/** The text of the QR in RGBA pixels (jsQR, an independent decoder), or null when none is readable. */
export function readQr(p: { width: number; height: number; data: Uint8ClampedArray }): string | null {
  return jsQR(p.data, p.width, p.height)?.data ?? null
}
