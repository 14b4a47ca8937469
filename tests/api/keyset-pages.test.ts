/**
 * Keyset pages over rows written in one transaction, which share one `now()` to the microsecond:
 * the cursor must carry the time exactly (a JS Date's milliseconds would fall below it and the next
 * page would skip every row left of the batch). One shared implementation (api/_lib/db/keyset.ts)
 * serves the inbox and the job hunt's lists; the inbox and a batch apply prove it here.
 */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import { BatchApplyResponse, MyApplicationListResponse } from '../../src/contracts/applications'
import { MessageListResponse } from '../../src/contracts/messages'
import { makeJob } from '../applications/fixtures'
import { hiring } from '../applications/support'
import { callParsed, expectOk, withApi } from '../support/api'
import { loginAs, makeStudent } from '../support/fixtures'

const api = withApi()

describe('keyset pages over one transaction’s rows', () => {
  it('the inbox: 25 messages written at once page as 20 + 5, none skipped or repeated', async () => {
    const student = await makeStudent()
    await withServiceTx('test fixture', (db) =>
      db.query(
        `insert into public.messages (user_id, kind, title, body)
         select $1, 'system', '消息' || n, '内容' from generate_series(1, 25) n`,
        [student.id],
      ),
    )
    const token = await loginAs(api.url, student)
    const first = await expectOk(MessageListResponse, api.url, '/api/messages?limit=20', { token })
    expect(first.items).toHaveLength(20)
    expect(first.nextCursor).toMatch(/\.\d{6}Z\|/)
    const second = await expectOk(
      MessageListResponse,
      api.url,
      `/api/messages?limit=20&before=${encodeURIComponent(first.nextCursor!)}`,
      { token },
    )
    const ids = [...first.items, ...second.items].map((m) => m.id)
    expect(new Set(ids).size).toBe(25)
    expect(second.nextCursor).toBeNull()
  })

  it('已投简历: a batch apply’s applications page two by two, every one listed once', async () => {
    const h = await hiring(api.url)
    const jobs = [await makeJob(h.companyId), await makeJob(h.companyId), await makeJob(h.companyId)]
    const batch = await callParsed(BatchApplyResponse, api.url, '/api/applications/batch', {
      token: h.student.token,
      body: { jobIds: jobs, resumeId: h.student.resumeId },
      headers: { 'idempotency-key': randomUUID() },
    })
    expect(batch.body.appliedCount).toBe(3)
    const seen: string[] = []
    let before: string | null = null
    do {
      const path: string = `/api/applications?limit=2${before ? `&before=${encodeURIComponent(before)}` : ''}`
      const p: MyApplicationListResponse = await expectOk(MyApplicationListResponse, api.url, path, {
        token: h.student.token,
      })
      seen.push(...p.items.map((a) => a.job.id))
      before = p.nextCursor
    } while (before)
    expect(seen.sort()).toEqual([...jobs].sort())
  })
})
