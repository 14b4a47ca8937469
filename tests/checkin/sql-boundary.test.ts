/**
 * The direct-write test (issue 12 item 7): a user's own token is valid on Supabase's Data API, so
 * with a student's claims — and a fair staff member's — straight SQL must not record a check-in,
 * set a ticket's status, touch the counts or call app.record_scans (its signature check is the
 * API's). Each is refused with 42501 and changes nothing.
 */
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { codeOf as sqlCode } from '../identity/sql'
import {
  type CheckinWorld,
  checkinRows,
  countTotals,
  makeCheckinWorld,
  makeTicket,
  type Ticket,
} from './support'

let w: CheckinWorld
let mine: Ticket

beforeAll(async () => {
  w = await makeCheckinWorld()
  // the student's own ticket: the one they would most like to "check in"
  mine = await makeTicket(w.eventId)
  await withServiceTx('test fixture', (db) =>
    db.query('update public.tickets set user_id = $2 where id = $1', [mine.id, w.student.id]),
  )
})

const scans = () =>
  JSON.stringify([
    {
      nonce: randomUUID(),
      ticket_id: mine.id,
      gate: 'A',
      scanned_at: new Date().toISOString(),
      code: 'x',
      sig_ok: true,
      step_ok: true,
      public_key: null,
    },
  ])

describe.each([
  ['a student', () => w.student],
  ['fair staff of the event', () => w.gateA],
  ['school staff of the event', () => w.schoolStaff],
])('with the claims of %s, straight SQL', (_label, who) => {
  const claims = () => who().claims as unknown as Record<string, unknown>

  it('cannot insert a check-in', async () => {
    expect(
      await sqlCode(
        claims(),
        `insert into public.checkins (event_id, ticket_id, gate, staff_id, nonce, outcome, scanned_at)
         values ($1, $2, 'A', $3, $4, 'ok', now())`,
        [w.eventId, mine.id, who().id, randomUUID()],
      ),
    ).toBe('42501')
  })

  it("cannot set a ticket's status", async () => {
    expect(
      await sqlCode(
        claims(),
        `update public.tickets set status = 'cancelled', cancelled_at = now() where id = $1`,
        [mine.id],
      ),
    ).toBe('42501')
  })

  it('cannot write or read the live counts', async () => {
    expect(
      await sqlCode(
        claims(),
        `insert into public.checkin_counts (event_id, gate, bucket, ok_count) values ($1, 'A', now(), 1000)`,
        [w.eventId],
      ),
    ).toBe('42501')
    expect(await sqlCode(claims(), 'update public.checkin_counts set ok_count = 0')).toBe('42501')
    expect(await sqlCode(claims(), 'select * from public.checkin_counts')).toBe('42501')
  })

  it('cannot change or delete a check-in', async () => {
    expect(await sqlCode(claims(), `update public.checkins set outcome = 'ok'`)).toBe('42501')
    expect(await sqlCode(claims(), 'delete from public.checkins')).toBe('42501')
  })

  it('cannot call app.record_scans, even naming itself as the staff member', async () => {
    expect(
      await sqlCode(claims(), 'select app.record_scans($1, $2, $3::jsonb)', [who().id, w.eventId, scans()]),
    ).toBe('42501')
  })
})

describe('after all of that', () => {
  it('nothing changed', async () => {
    expect(await checkinRows(w.eventId)).toEqual([])
    expect(await countTotals(w.eventId)).toEqual({ ok: 0, failed: 0 })
    const { rows } = await withServiceTx('test read', (db) =>
      db.query<{ status: string }>('select status from public.tickets where id = $1', [mine.id]),
    )
    expect(rows[0]!.status).toBe('active')
  })

  it('anon cannot call it either, and service_role can (the API path)', async () => {
    expect(
      await sqlCode(null, 'select app.record_scans($1, $2, $3::jsonb)', [w.gateA.id, w.eventId, scans()]),
    ).toBe('42501')
    const r = await withServiceTx('test: the API path', (db) =>
      db.query<{ r: { outcome: string } }>('select app.record_scans($1, $2, $3::jsonb) as r', [
        w.gateA.id,
        w.eventId,
        scans(),
      ]),
    )
    // sig_ok without the ticket's key is still invalid: SQL compares the key the API checked with
    expect(r.rows[0]!.r).toMatchObject({ outcome: 'recorded', results: [{ outcome: 'invalid' }] })
  })
})

describe('app.record_scans refuses missing arguments (22023)', () => {
  const bad: Array<[string, unknown[]]> = [
    ['no staff', [null, 'e', '[]']],
    ['no event', ['s', null, '[]']],
    ['no scans', ['s', 'e', null]],
    ['an empty array', ['s', 'e', '[]']],
    ['not an array', ['s', 'e', '{}']],
    [
      'a scan without a nonce',
      ['s', 'e', JSON.stringify([{ gate: 'A', scanned_at: new Date().toISOString() }])],
    ],
    [
      'a scan with an empty gate',
      ['s', 'e', JSON.stringify([{ nonce: randomUUID(), gate: ' ', scanned_at: new Date().toISOString() }])],
    ],
    ['a scan without a time', ['s', 'e', JSON.stringify([{ nonce: randomUUID(), gate: 'A' }])]],
    [
      'an unknown device outcome',
      [
        's',
        'e',
        JSON.stringify([
          { nonce: randomUUID(), gate: 'A', scanned_at: new Date().toISOString(), device_outcome: 'yes' },
        ]),
      ],
    ],
    [
      '501 scans',
      [
        's',
        'e',
        JSON.stringify(
          Array.from({ length: 501 }, () => ({
            nonce: randomUUID(),
            gate: 'A',
            scanned_at: new Date().toISOString(),
          })),
        ),
      ],
    ],
  ]
  for (const [label, args] of bad) {
    it(label, async () => {
      const real = args.map((a) => (a === 's' ? w.gateA.id : a === 'e' ? w.eventId : a))
      const err = await withServiceTx('test', (db) =>
        db.query('select app.record_scans($1, $2, $3::jsonb)', real),
      ).catch((e: { cause?: { code?: string } }) => e.cause?.code)
      expect(err).toBe('22023')
    })
  }

  it('a staff member who is not staff of the event is told forbidden; an unknown event not_found', async () => {
    const one = JSON.stringify([{ nonce: randomUUID(), gate: 'A', scanned_at: new Date().toISOString() }])
    const call = (staff: string, event: string) =>
      withServiceTx(
        'test',
        async (db) =>
          (await db.query('select app.record_scans($1, $2, $3::jsonb) as r', [staff, event, one])).rows[0].r,
      )
    expect(await call(w.outsider.id, w.eventId)).toEqual({ outcome: 'forbidden' })
    expect(await call(w.student.id, w.eventId)).toEqual({ outcome: 'forbidden' })
    expect(await call(w.gateA.id, randomUUID())).toEqual({ outcome: 'not_found' })
    await withServiceTx('test', (db) =>
      db.query('update public.app_users set disabled_at = now() where id = $1', [w.gateB.id]),
    )
    expect(await call(w.gateB.id, w.eventId)).toEqual({ outcome: 'forbidden' })
  })
})
