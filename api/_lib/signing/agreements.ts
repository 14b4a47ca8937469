import {
  type Agreement,
  type AgreementListResponse,
  AmendAgreementOutcome,
  type AmendAgreementRequest,
  ConfirmAgreementOutcome,
  type SigningListQuery,
} from '../../../src/contracts/signing'
import { keysetPage, parseKeyset } from '../db/keyset'
import { callOutcome } from '../db/outcome'
import type { Db } from '../db/tx'
import { notify } from '../notify'
import { agreementNotFound, signingError, unhandled } from './errors'
import { whoAmI } from './members'
import { AGREEMENT_COLUMNS, AGREEMENT_FROM, type AgreementRow, toAgreement } from './rows'

/**
 * 三方协议: made by the student's acceptance; the company amends it before approval
 * (app.amend_agreement), the student confirms the amendment (app.confirm_agreement), the school
 * decides it in the workbench (kind `agreement`, api/_lib/review/kinds/agreement.ts).
 */

export async function agreementById(db: Db, id: string): Promise<Agreement | null> {
  const { rows } = await db.query<AgreementRow>(
    `select ${AGREEMENT_COLUMNS} from ${AGREEMENT_FROM} where a.id = $1`,
    [id],
  )
  return rows[0] ? toAgreement(rows[0]) : null
}

async function mustAgreement(db: Db, id: string): Promise<Agreement> {
  const a = await agreementById(db, id)
  if (!a) throw new Error(`agreement ${id} is not visible right after its transition`)
  return a
}

async function listWhere(
  db: Db,
  where: string,
  arg: string,
  q: SigningListQuery,
): Promise<AgreementListResponse> {
  const cursor = parseKeyset(q.before)
  const { rows } = await db.query<AgreementRow>(
    `select ${AGREEMENT_COLUMNS} from ${AGREEMENT_FROM}
     where ${where} = $1 and ($2::timestamptz is null or (a.created_at, a.id) < ($2::timestamptz, $3::uuid))
     order by a.created_at desc, a.id desc limit $4`,
    [arg, cursor?.at ?? null, cursor?.id ?? null, q.limit + 1],
  )
  const page = keysetPage(rows, q.limit)
  return { items: page.items.map(toAgreement), nextCursor: page.nextCursor }
}

/** GET /api/signing/agreements: the caller's company's agreements (403 for anyone but its members). */
export async function listCompanyAgreements(db: Db, q: SigningListQuery): Promise<AgreementListResponse> {
  const me = await whoAmI(db)
  if (me.role !== 'employer' || !me.company) {
    throw signingError('forbidden', 'forbidden', '仅企业账号可以办理签约')
  }
  return listWhere(db, 'a.company_id', me.company, q)
}

/** GET /api/signing/agreements/mine: the student's own. */
export async function listMyAgreements(db: Db, q: SigningListQuery): Promise<AgreementListResponse> {
  const { rows } = await db.query<{ uid: string | null }>('select auth.uid() as uid')
  // an offline draft (terms still missing) lives on its own page (GET /api/signing/offline), not here
  return listWhere(db, "a.status not in ('draft', 'discarded') and a.student_id", rows[0]!.uid!, q)
}

/** The amended terms as app.amend_agreement reads them (only those sent). */
export function amendJson(t: AmendAgreementRequest['terms']): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (t.position !== undefined) out.position = t.position
  if (t.contractYears !== undefined) out.contract_years = t.contractYears
  if (t.salaryMonthly !== undefined) out.salary_monthly = t.salaryMonthly
  if (t.workPlace !== undefined) out.work_place = t.workPlace
  return out
}

export async function amendAgreement(db: Db, id: string, req: AmendAgreementRequest): Promise<Agreement> {
  const r = await callOutcome(db, 'app.amend_agreement', [id, amendJson(req.terms)], AmendAgreementOutcome)
  switch (r.outcome) {
    case 'amended': {
      const a = await mustAgreement(db, id)
      const { rows } = await db.query<{ id: string }>(
        `select id::text as id from public.review_log where kind = 'agreement' and item_id = $1 and action = 'amend'
         order by id desc limit 1`,
        [id],
      )
      await notify(db, {
        kind: 'agreement_amended',
        to: a.studentId,
        agreementId: a.id,
        employerName: a.employerName,
        position: a.position,
        idempotencyKey: `agreement_amended:${a.id}:${rows[0]?.id ?? a.updatedAt}`,
      })
      return a
    }
    case 'not_found':
      throw agreementNotFound()
    case 'not_amendable':
      throw signingError('conflict', 'not_amendable', '协议当前状态不能修改', {
        details: { status: r.status },
      })
    case 'no_change':
      throw signingError('validation_failed', 'no_change', '修改后的条款与原协议相同', {
        fields: { terms: '请至少修改一项条款' },
      })
    default:
      throw unhandled('app.amend_agreement', r)
  }
}

export async function confirmAgreement(db: Db, id: string): Promise<Agreement> {
  const r = await callOutcome(db, 'app.confirm_agreement', [id], ConfirmAgreementOutcome)
  switch (r.outcome) {
    case 'confirmed':
      return mustAgreement(db, id)
    case 'not_found':
      throw agreementNotFound()
    case 'not_pending':
      throw signingError('conflict', 'not_pending', '协议当前无需确认', { details: { status: r.status } })
    default:
      throw unhandled('app.confirm_agreement', r)
  }
}
