/**
 * One vocabulary per result (docs/conventions.md §2) for signing: each status enum of
 * src/contracts/signing.ts names exactly the values of its SQL check, and every value has its label.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  AGREEMENT_KIND_LABELS,
  AGREEMENT_STATUS_LABELS,
  AgreementKind,
  AgreementStatus,
  EmploymentRecordStatus,
  INVITATION_STATUS_LABELS,
  InvitationStatus,
  SIGNING_BLOCK_LABELS,
  SIGNING_STATE_LABELS,
  SigningAction,
  SigningActor,
  SigningBlock,
  SigningState,
  SigningTransitionKind,
} from '../../src/contracts/signing'
import {
  DESTINATION_REQUEST_STATUS_LABELS,
  DESTINATION_STATUS_LABELS,
  DestinationRequestStatus,
  DestinationStatus,
  TERMINATION_STATUS_LABELS,
  TerminationStatus,
} from '../../src/contracts/signing-transitions'

type Vocabulary = z.ZodEnum<Record<string, string>>

const COLUMNS: Array<[string, string, Vocabulary]> = [
  ['public.signing_invitations', 'status', InvitationStatus],
  ['public.agreements', 'status', AgreementStatus],
  ['public.agreements', 'kind', AgreementKind],
  ['public.employment_records', 'status', EmploymentRecordStatus],
  ['app.signing_transitions', 'actor', SigningActor],
  ['public.destinations', 'status', DestinationStatus],
  ['public.destination_requests', 'status', DestinationRequestStatus],
  ['public.terminations', 'status', TerminationStatus],
]

/** The quoted values of the single-column check constraints on table.column. */
async function checkedValues(table: string, column: string): Promise<string[]> {
  return withServiceTx('test: read check constraints', async (db) => {
    const { rows } = await db.query<{ def: string }>(
      `select pg_catalog.pg_get_constraintdef(c.oid) as def
       from pg_catalog.pg_constraint c
       join pg_catalog.pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       where c.conrelid = to_regclass($1) and c.contype = 'c' and cardinality(c.conkey) = 1 and a.attname = $2`,
      [table, column],
    )
    return rows.flatMap((r) => [...r.def.matchAll(/'([^']*)'::text/g)].map((m) => m[1]!))
  })
}

describe('signing vocabularies', () => {
  it.each(COLUMNS)('%s.%s: the enum equals the SQL check', async (table, column, vocabulary) => {
    expect([...new Set(await checkedValues(table, column))].sort()).toEqual([...vocabulary.options].sort())
  })

  it('the audit log takes the signing kinds and every signing action (and the creation, send)', async () => {
    expect(await checkedValues('public.review_log', 'kind')).toEqual(
      expect.arrayContaining([...SigningTransitionKind.options]),
    )
    expect(await checkedValues('public.review_log', 'action')).toEqual(
      expect.arrayContaining([...SigningAction.options, 'send']),
    )
  })

  it('SigningBlock names every answer of app.signing_block', async () => {
    const src = await withServiceTx('test: read app.signing_block', async (db) => {
      const { rows } = await db.query<{ src: string }>(
        `select p.prosrc as src from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
         where n.nspname = 'app' and p.proname = 'signing_block'`,
      )
      return rows[0]!.src
    })
    const answers = [...src.matchAll(/then '([a-z_]+)'/g)].map((m) => m[1]!)
    expect([...new Set(answers)].sort()).toEqual([...SigningBlock.options].sort())
  })

  it('every value has its Chinese label', () => {
    const pairs: Array<[Vocabulary, Record<string, string>]> = [
      [InvitationStatus, INVITATION_STATUS_LABELS],
      [AgreementStatus, AGREEMENT_STATUS_LABELS],
      [AgreementKind, AGREEMENT_KIND_LABELS],
      [SigningBlock, SIGNING_BLOCK_LABELS],
      [SigningState, SIGNING_STATE_LABELS],
      [DestinationStatus, DESTINATION_STATUS_LABELS],
      [DestinationRequestStatus, DESTINATION_REQUEST_STATUS_LABELS],
      [TerminationStatus, TERMINATION_STATUS_LABELS],
    ]
    for (const [vocabulary, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...vocabulary.options].sort())
      for (const l of Object.values(labels)) expect(l).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(SIGNING_BLOCK_LABELS.source_info_not_approved).toBe('生源信息审核通过后才能签约')
  })
})
