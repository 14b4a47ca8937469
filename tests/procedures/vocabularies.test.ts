/**
 * One vocabulary per result (docs/conventions.md §2) for the procedures: the contract's field
 * lists equal the SQL field registry (app.source_info_fields), and each enum names exactly the
 * values of its SQL check.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  CORRECTION_STATUS_LABELS,
  CorrectionStatus,
  DIFFICULTY_LABELS,
  Difficulty,
  EditableField,
  HISTORY_ACTION_LABELS,
  HistoryAction,
  HistoryKind,
  LockedField,
  POLITICAL_STATUS_LABELS,
  PoliticalStatus,
  RECOMMENDATION_STATUS_LABELS,
  REQUIRED_FIELDS,
  RecommendationStatus,
  SOURCE_INFO_FIELD_LABELS,
  SOURCE_INFO_STATUS_LABELS,
  SourceInfoField,
  SourceInfoStatus,
} from '../../src/contracts/procedures'
import { SigningAction, SigningTransitionKind } from '../../src/contracts/signing'

type Vocabulary = z.ZodEnum<Record<string, string>>

const COLUMNS: Array<[string, string, Vocabulary]> = [
  ['source_infos', 'status', SourceInfoStatus],
  ['source_infos', 'political_status', PoliticalStatus],
  ['source_infos', 'difficulty', Difficulty],
  ['source_info_corrections', 'status', CorrectionStatus],
  ['recommendation_forms', 'status', RecommendationStatus],
]

/** The quoted values of the single-column check constraints on table.column. */
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

describe('procedures vocabularies', () => {
  it('LockedField, EditableField and REQUIRED_FIELDS equal app.source_info_fields', async () => {
    const rows = await withServiceTx('test: read the field registry', async (db) => {
      const r = await db.query<{ field: string; locked: boolean; required: boolean }>(
        'select field, locked, required from app.source_info_fields',
      )
      return r.rows
    })
    const sorted = (xs: readonly string[]) => [...xs].sort()
    expect(sorted(rows.filter((r) => r.locked).map((r) => r.field))).toEqual(sorted(LockedField.options))
    expect(sorted(rows.filter((r) => !r.locked).map((r) => r.field))).toEqual(sorted(EditableField.options))
    expect(sorted(rows.filter((r) => r.required).map((r) => r.field))).toEqual(sorted(REQUIRED_FIELDS))
    // no locked field is "required" of the student
    expect(rows.filter((r) => r.locked && r.required)).toEqual([])
  })

  it('review_log: its kinds and actions are those of 核签明细 and of the signing steps', async () => {
    const sorted = (xs: readonly string[]) => [...new Set(xs)].sort()
    expect(sorted(await checkedValues('review_log', 'kind'))).toEqual(
      sorted([...HistoryKind.options, ...SigningTransitionKind.options]),
    )
    expect(sorted(await checkedValues('review_log', 'action'))).toEqual(
      sorted([...HistoryAction.options, ...SigningAction.options, 'send']),
    )
  })

  it.each(COLUMNS)('%s.%s: the SQL check names exactly the enum values', async (table, column, vocab) => {
    expect((await checkedValues(table, column)).sort()).toEqual([...vocab.options].sort())
  })

  it.each([
    ['SourceInfoField', SourceInfoField, SOURCE_INFO_FIELD_LABELS],
    ['SourceInfoStatus', SourceInfoStatus, SOURCE_INFO_STATUS_LABELS],
    ['CorrectionStatus', CorrectionStatus, CORRECTION_STATUS_LABELS],
    ['RecommendationStatus', RecommendationStatus, RECOMMENDATION_STATUS_LABELS],
    ['PoliticalStatus', PoliticalStatus, POLITICAL_STATUS_LABELS],
    ['Difficulty', Difficulty, DIFFICULTY_LABELS],
    ['HistoryAction', HistoryAction, HISTORY_ACTION_LABELS],
  ] as Array<[string, Vocabulary, Record<string, string>]>)(
    '%s has one Chinese label per value',
    (_n, vocab, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...vocab.options].sort())
      for (const label of Object.values(labels)) expect(label).toMatch(/[\u4e00-\u9fff]/)
    },
  )
})
