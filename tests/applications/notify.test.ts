/**
 * api/_lib/notify: one function renders every notification of the job hunt into an inbox row,
 * inside the caller's transaction. Users have no insert grant on messages; notify steps to the
 * service role for its one insert and back, so the rest of the transaction is the user's again.
 */
import { describe, expect, it } from 'vitest'
import { withUserTx } from '../../api/_lib/db/tx'
import { formatChinaTime, type Notification, notify, render } from '../../api/_lib/notify'
import { MessageKind } from '../../src/contracts/messages'
import { makeSchool, makeStudent, makeUser } from '../support/fixtures'
import { messagesOf } from './support'

const TO = '00000000-0000-4000-8000-000000000001'
const long = '很'.repeat(50)
const all: Notification[] = [
  {
    kind: 'interview_invited',
    to: TO,
    interviewId: TO,
    jobTitle: long,
    companyName: long,
    mode: 'onsite',
    startsAt: '2026-12-03T06:30:00Z',
  },
  {
    kind: 'interview_answered',
    to: TO,
    applicationId: TO,
    applicantName: long,
    jobTitle: long,
    accepted: false,
  },
  { kind: 'interview_result', to: TO, jobTitle: long, companyName: long, result: 'failed' },
  {
    kind: 'interview_cancelled',
    to: TO,
    jobTitle: long,
    companyName: long,
    startsAt: new Date('2026-12-03T06:30:00Z'),
  },
  { kind: 'job_invited', to: TO, jobTitle: long, companyName: long, note: '留'.repeat(500) },
  { kind: 'application_status', to: TO, jobTitle: long, companyName: long, status: 'hired' },
]

describe('render', () => {
  it('gives every notification a known kind, a page link and lengths the messages table takes', () => {
    for (const n of all) {
      const m = render(n)
      expect(MessageKind.safeParse(m.kind).success, n.kind).toBe(true)
      expect(m.title.length, n.kind).toBeLessThanOrEqual(100)
      expect(m.body.length, n.kind).toBeLessThanOrEqual(2000)
      expect(m.link, n.kind).toMatch(/^\/packages\//)
      expect(m.userId).toBe(TO)
    }
  })

  it('writes times in China time', () => {
    expect(formatChinaTime('2026-12-03T06:30:00Z')).toBe('2026年12月3日 14:30')
    expect(render(all[0]!).body).toContain('2026年12月3日 14:30')
  })
})

describe('notify', () => {
  it("writes the other user's inbox row in the caller's transaction, then the caller is authenticated again", async () => {
    const student = await makeStudent(await makeSchool())
    const staff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    const after = await withUserTx(staff.claims, async (db) => {
      await notify(db, {
        kind: 'application_status',
        to: student.id,
        jobTitle: '前端',
        companyName: '某公司',
        status: 'hired',
      })
      const { rows } = await db.query<{ role: string; uid: string }>(
        "select current_setting('role') as role, auth.uid()::text as uid",
      )
      // the user's own rights again: writing into someone's inbox directly is refused (in a
      // savepoint, so the refusal does not abort the transaction that holds the message)
      await db.query('savepoint probe')
      const denied = await db
        .query("insert into public.messages (user_id, kind, title, body) values ($1, 'system', 'x', 'y')", [
          student.id,
        ])
        .then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        )
      await db.query('rollback to savepoint probe')
      return { ...rows[0], denied }
    })
    expect(after).toEqual({ role: 'authenticated', uid: staff.id, denied: '42501' })
    const msgs = await messagesOf(student.id)
    expect(msgs).toEqual([
      expect.objectContaining({
        kind: 'application_update',
        title: '投递进展：前端',
        body: expect.stringContaining('录用'),
      }),
    ])
  })

  it('a rolled-back transaction leaves no message', async () => {
    const student = await makeStudent(await makeSchool())
    const staff = await makeUser({ role: 'school_staff', schoolId: await makeSchool() })
    await expect(
      withUserTx(staff.claims, async (db) => {
        await notify(db, {
          kind: 'interview_result',
          to: student.id,
          jobTitle: '前端',
          companyName: '某公司',
          result: 'passed',
        })
        throw new Error('the state change failed')
      }),
    ).rejects.toThrow('the state change failed')
    expect(await messagesOf(student.id)).toEqual([])
  })
})
