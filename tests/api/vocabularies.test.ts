/**
 * One vocabulary per result (issue 9 item 12): each is a zod enum in src/contracts/, its Chinese
 * labels are one map keyed by it (used by the client's pages and pickers), and the SQL `check` of
 * every column holding it names exactly the same values.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { withServiceTx } from '../../api/_lib/db/tx'
import { APP_ROLE_LABELS, AppRole } from '../../src/contracts/auth'
import {
  DEGREE_LEVEL_LABELS,
  DegreeLevel,
  REVIEW_STATUS_LABELS,
  ReviewStatus,
} from '../../src/contracts/binding'
import { EVENT_KIND_LABELS, EventKind, EventMode } from '../../src/contracts/events'
import {
  COMPANY_SIZE_LABELS,
  COMPANY_TYPE_LABELS,
  CompanySize,
  CompanyType,
  DEGREE_LABELS,
  Degree,
  INDUSTRY_LABELS,
  Industry,
  JOB_CATEGORY_LABELS,
  JOB_NATURE_LABELS,
  JOB_STATUS_LABELS,
  JobCategory,
  JobNature,
  JobStatus,
  PLAN_LABELS,
  Plan,
} from '../../src/contracts/job-vocab'
import { MessageKind } from '../../src/contracts/messages'
import { PUSH_MODE_LABELS, PushMode, WECHAT_KIND_LABELS, WechatKind } from '../../src/contracts/push'
import { RESUME_LANG_LABELS, ResumeLang } from '../../src/contracts/resumes'
import { Gender } from '../../src/contracts/roster'
import { DEGREE_OPTIONS } from '../../src/packages/binding/labels'

type Vocabulary = z.ZodEnum<Record<string, string>>

/** table.column → the enum its values come from */
const COLUMNS: Array<[string, string, Vocabulary]> = [
  ['app_users', 'role', AppRole],
  ['events', 'kind', EventKind],
  ['events', 'mode', EventMode],
  ['messages', 'kind', MessageKind],
  ['roster_entries', 'degree_level', DegreeLevel],
  ['roster_entries', 'gender', Gender],
  ['binding_reviews', 'degree_level', DegreeLevel],
  ['binding_reviews', 'status', ReviewStatus],
  ['companies', 'company_type', CompanyType],
  ['companies', 'company_size', CompanySize],
  ['companies', 'industry', Industry],
  ['jobs', 'category', JobCategory],
  ['jobs', 'industry', Industry],
  ['jobs', 'degree', Degree],
  ['jobs', 'nature', JobNature],
  // `expired` is computed when read (published past the deadline), never stored
  ['jobs', 'status', JobStatus.exclude(['expired'])],
  ['job_intentions', 'plan', Plan],
  ['resumes', 'lang', ResumeLang],
  ['resume_snapshots', 'lang', ResumeLang],
  ['job_intentions', 'natures', JobNature],
  ['job_intentions', 'categories', JobCategory],
  ['job_intentions', 'industries', Industry],
  ['job_intentions', 'company_types', CompanyType],
  ['job_intentions', 'company_sizes', CompanySize],
  ['push_settings', 'mode', PushMode],
  ['push_settings', 'wechat_kinds', WechatKind],
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

describe('result vocabularies', () => {
  it.each(COLUMNS)('%s.%s: the SQL check names exactly the enum values', async (table, column, vocab) => {
    expect((await checkedValues(table, column)).sort()).toEqual([...vocab.options].sort())
  })

  it.each([
    ['AppRole', AppRole, APP_ROLE_LABELS],
    ['DegreeLevel', DegreeLevel, DEGREE_LEVEL_LABELS],
    ['ReviewStatus', ReviewStatus, REVIEW_STATUS_LABELS],
    ['EventKind', EventKind, EVENT_KIND_LABELS],
    ['CompanyType', CompanyType, COMPANY_TYPE_LABELS],
    ['CompanySize', CompanySize, COMPANY_SIZE_LABELS],
    ['Industry', Industry, INDUSTRY_LABELS],
    ['JobCategory', JobCategory, JOB_CATEGORY_LABELS],
    ['JobNature', JobNature, JOB_NATURE_LABELS],
    ['Degree', Degree, DEGREE_LABELS],
    ['JobStatus', JobStatus, JOB_STATUS_LABELS],
    ['Plan', Plan, PLAN_LABELS],
    ['ResumeLang', ResumeLang, RESUME_LANG_LABELS],
    ['PushMode', PushMode, PUSH_MODE_LABELS],
    ['WechatKind', WechatKind, WECHAT_KIND_LABELS],
  ] as Array<[string, Vocabulary, Record<string, string>]>)(
    '%s has one Chinese label per value',
    (_name, vocab, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...vocab.options].sort())
      for (const label of Object.values(labels)) expect(label).toMatch(/[\u4e00-\u9fff]/)
    },
  )

  it('the kinds a student may let reach WeChat are message kinds', () => {
    for (const k of WechatKind.options) expect(MessageKind.options).toContain(k)
  })

  it('the 学历层次 picker offers every degree level with the same label the pages show', () => {
    expect(DEGREE_OPTIONS).toEqual(
      DegreeLevel.options.map((value) => ({ value, label: DEGREE_LEVEL_LABELS[value] })),
    )
  })
})
