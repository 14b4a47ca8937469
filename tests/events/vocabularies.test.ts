/**
 * One vocabulary per result (docs/conventions.md rule 2) for events: the SQL checks of events,
 * fair applications and tickets name exactly the zod enums' values, every label map covers its
 * enum in Chinese, and every outcome a 000710 function can return is one its zod vocabulary knows
 * (read from the migration's text, so a new outcome in SQL fails here before it is a 500).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  EVENT_CANCEL_OUTCOME_LABELS,
  EVENT_MODE_LABELS,
  EVENT_PUBLISH_OUTCOME_LABELS,
  EVENT_STATUS_LABELS,
  EventCancelOutcomeKind,
  EventMode,
  EventPublishOutcomeKind,
  EventStatus,
  FAIR_APPLICATION_STATUS_LABELS,
  FAIR_APPLY_OUTCOME_LABELS,
  FAIR_DECISION_OUTCOME_LABELS,
  FairApplicationStatus,
  FairApplyOutcomeKind,
  FairDecisionOutcomeKind,
  REGISTER_EXTRA_OUTCOME_LABELS,
  REGISTRATION_STATE_LABELS,
  RegisterEventOutcome,
  RegistrationState,
  TICKET_CANCEL_OUTCOME_LABELS,
  TicketCancelOutcomeKind,
} from '../../src/contracts/events'
import { REGISTRATION_OUTCOME_LABELS, TICKET_STATUS_LABELS, TicketStatus } from '../../src/contracts/tickets'

type Vocabulary = z.ZodEnum<Record<string, string>>

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

const MIGRATION = readFileSync(
  path.join(__dirname, '../../supabase/migrations/20261201000710_events.sql'),
  'utf8',
)

/** The outcomes one function's body can return: `'outcome', 'x'` and the branches of a `case` that picks one. */
function sqlOutcomes(fn: string): string[] {
  const start = MIGRATION.indexOf(`create or replace function app.${fn}(`)
  const end = MIGRATION.indexOf('\n$$;', start)
  const body = MIGRATION.slice(start, end)
  const found = new Set<string>()
  for (const m of body.matchAll(/'outcome', '(\w+)'/g)) found.add(m[1]!)
  for (const c of body.matchAll(/'outcome', case([\s\S]*?)end\)/g)) {
    for (const m of c[1]!.matchAll(/(?:then|else) '(\w+)'/g)) found.add(m[1]!)
  }
  return [...found].sort()
}

describe('events vocabularies', () => {
  it.each([
    ['events', 'status', EventStatus],
    ['events', 'mode', EventMode],
    ['event_companies', 'status', FairApplicationStatus],
    ['tickets', 'status', TicketStatus],
  ] as Array<[string, string, Vocabulary]>)(
    '%s.%s: the SQL check names exactly the enum',
    async (t, c, v) => {
      expect((await checkedValues(t, c)).sort()).toEqual([...v.options].sort())
    },
  )

  it.each([
    ['EventStatus', EventStatus, EVENT_STATUS_LABELS],
    ['EventMode', EventMode, EVENT_MODE_LABELS],
    ['FairApplicationStatus', FairApplicationStatus, FAIR_APPLICATION_STATUS_LABELS],
    ['RegistrationState', RegistrationState, REGISTRATION_STATE_LABELS],
    ['EventPublishOutcome', EventPublishOutcomeKind, EVENT_PUBLISH_OUTCOME_LABELS],
    ['EventCancelOutcome', EventCancelOutcomeKind, EVENT_CANCEL_OUTCOME_LABELS],
    ['FairApplyOutcome', FairApplyOutcomeKind, FAIR_APPLY_OUTCOME_LABELS],
    ['FairDecisionOutcome', FairDecisionOutcomeKind, FAIR_DECISION_OUTCOME_LABELS],
    ['TicketCancelOutcome', TicketCancelOutcomeKind, TICKET_CANCEL_OUTCOME_LABELS],
    ['TicketStatus', TicketStatus, TICKET_STATUS_LABELS],
  ] as Array<[string, Vocabulary, Record<string, string>]>)(
    '%s has one Chinese label per value',
    (_n, v, labels) => {
      expect(Object.keys(labels).sort()).toEqual([...v.options].sort())
      for (const label of Object.values(labels)) expect(label).toMatch(/[\u4e00-\u9fff]/)
    },
  )

  it('every outcome the functions return is in its zod vocabulary, and every value is returned somewhere', () => {
    expect(sqlOutcomes('publish_event')).toEqual([...EventPublishOutcomeKind.options].sort())
    expect(sqlOutcomes('cancel_event')).toEqual([...EventCancelOutcomeKind.options].sort())
    expect(sqlOutcomes('apply_to_fair')).toEqual([...FairApplyOutcomeKind.options].sort())
    expect(
      [
        ...new Set([...sqlOutcomes('decide_fair_application'), ...sqlOutcomes('withdraw_fair_application')]),
      ].sort(),
    ).toEqual([...FairDecisionOutcomeKind.options].sort())
    expect(sqlOutcomes('cancel_ticket')).toEqual([...TicketCancelOutcomeKind.options].sort())
    const registration = RegisterEventOutcome.options.map((o) => o.shape.outcome.value).sort()
    expect(sqlOutcomes('register_event')).toEqual(registration)
    // each registration outcome has its label in one of the two maps
    for (const o of registration) {
      expect({ ...REGISTRATION_OUTCOME_LABELS, ...REGISTER_EXTRA_OUTCOME_LABELS }).toHaveProperty(o)
    }
  })
})
