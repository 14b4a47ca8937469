/**
 * The contract's SIGNING_TRANSITIONS is app.signing_transitions, row for row (read as the service
 * role: no user role reads the table), and its vocabularies name every value the table uses.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { withServiceTx } from '../../api/_lib/db/tx'
import {
  AgreementStatus,
  InvitationStatus,
  SIGNING_TRANSITIONS,
  SigningAction,
  SigningActor,
  SigningTransitionKind,
  signingNext,
} from '../../src/contracts/signing'
import {
  DestinationRequestStatus,
  DestinationStatus,
  TerminationStatus,
} from '../../src/contracts/signing-transitions'

interface Row {
  kind: string
  from: string
  action: string
  actor: string
  to: string
}

const key = (r: Row) => `${r.kind} ${r.from} ${r.action} ${r.actor} → ${r.to}`

async function tableRows(): Promise<Row[]> {
  return withServiceTx('test: read the transition table', async (db) => {
    const { rows } = await db.query<Row>(
      `select kind, from_status as "from", action, actor, to_status as "to" from app.signing_transitions`,
    )
    return rows
  })
}

describe('the signing transition table', () => {
  it('SIGNING_TRANSITIONS equals app.signing_transitions row for row', async () => {
    const sql = (await tableRows()).map(key).sort()
    const ts = SIGNING_TRANSITIONS.map((t) => key(t)).sort()
    expect(ts).toEqual(sql)
    expect(new Set(ts).size).toBe(ts.length)
  })

  it('docs/flows/signing.md lists the same table, row for row', async () => {
    const doc = await readFile(new URL('../../docs/flows/signing.md', import.meta.url), 'utf8')
    const section = doc.slice(
      doc.indexOf('## The transition table'),
      doc.indexOf('\n## ', doc.indexOf('## The transition table') + 1),
    )
    const rows = [...section.matchAll(/^\| (\w+) \| (\w+) \| (\w+) \| (\w+) \| (\w+) \|/gm)]
      .filter((m) => m[1] !== 'kind')
      .map((m) => key({ kind: m[1]!, from: m[2]!, action: m[3]!, actor: m[4]!, to: m[5]! }))
    expect(rows.sort()).toEqual(SIGNING_TRANSITIONS.map((t) => key(t)).sort())
  })

  it('every value of the table is a value of its vocabulary', () => {
    for (const t of SIGNING_TRANSITIONS) {
      expect(SigningTransitionKind.options).toContain(t.kind)
      expect(SigningAction.options).toContain(t.action)
      expect(SigningActor.options).toContain(t.actor)
      const statuses: readonly string[] = {
        invitation: InvitationStatus.options,
        agreement: AgreementStatus.options,
        destination: DestinationStatus.options,
        destination_request: DestinationRequestStatus.options,
        termination: TerminationStatus.options,
      }[t.kind]
      expect([...statuses, 'new']).toContain(t.from)
      expect(statuses).toContain(t.to)
      expect(statuses).not.toContain('new')
    }
  })

  it('signingNext answers as the table does, for every step and for steps it does not have', async () => {
    const sql = await tableRows()
    const probes = [
      ...SIGNING_TRANSITIONS.map((t) => [t.kind, t.from, t.action, t.actor] as const),
      ['invitation', 'accepted', 'withdraw', 'employer'] as const,
      ['agreement', 'approved', 'amend', 'employer'] as const,
      ['agreement', 'pending_review', 'approve', 'student'] as const,
      ['invitation', 'pending', 'accept', 'employer'] as const,
    ]
    for (const [kind, from, action, actor] of probes) {
      const row = sql.find(
        (r) => r.kind === kind && r.from === from && r.action === action && r.actor === actor,
      )
      expect(signingNext(kind, from, action, actor)).toBe(row?.to ?? null)
    }
  })
})
