/**
 * One vocabulary per result (docs/conventions.md rule 2): the SQL checks of the applications
 * tables name exactly the values of the zod enums the API and the client use, and every value has
 * its Chinese label.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { withServiceTx } from '../../api/_lib/db/tx'
import { APPLICATION_STATUS_LABELS, ApplicationStatus } from '../../src/contracts/applications'
import {
  INTERVIEW_MODE_LABELS,
  INTERVIEW_RESULT_LABELS,
  INTERVIEW_STATUS_LABELS,
  InterviewMode,
  InterviewResult,
  InterviewStatus,
} from '../../src/contracts/interviews'
import { JOB_INVITE_STATUS_LABELS, JobInviteStatus } from '../../src/contracts/job-invites'
import { MessageKind } from '../../src/contracts/messages'

type Vocabulary = z.ZodEnum<Record<string, string>>
const COLUMNS: Array<[string, string, Vocabulary, Record<string, string> | null]> = [
  ['applications', 'status', ApplicationStatus, APPLICATION_STATUS_LABELS],
  ['interviews', 'mode', InterviewMode, INTERVIEW_MODE_LABELS],
  ['interviews', 'status', InterviewStatus, INTERVIEW_STATUS_LABELS],
  ['interviews', 'result', InterviewResult, INTERVIEW_RESULT_LABELS],
  ['job_invites', 'status', JobInviteStatus, JOB_INVITE_STATUS_LABELS],
  ['messages', 'kind', MessageKind, null],
]

async function checkedValues(table: string, column: string): Promise<string[]> {
  return withServiceTx('test: read check constraints', async (db) => {
    const { rows } = await db.query<{ def: string }>(
      `select pg_catalog.pg_get_constraintdef(c.oid) as def
       from pg_catalog.pg_constraint c
       join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       where c.conrelid = to_regclass($1) and c.contype = 'c' and cardinality(c.conkey) = 1 and a.attname = $2`,
      [`public.${table}`, column],
    )
    return rows.flatMap((r) => [...r.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!))
  })
}

describe('applications vocabularies', () => {
  for (const [table, column, vocab, labels] of COLUMNS) {
    it(`${table}.${column} checks exactly the enum's values`, async () => {
      expect((await checkedValues(table, column)).sort()).toEqual([...vocab.options].sort())
      if (labels) expect(Object.keys(labels).sort()).toEqual([...vocab.options].sort())
    })
  }
})
