import { seedDestinationWorld } from '../../destinations-world'
import { defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'
import { requestCount, unreviewed } from './_destinations'

const others = {
  removal: 'not_found · 0',
  correction: 'not_found · 0',
  unreviewed: 'not_found · 0',
  a2: 'not_found',
  missing: 'not_found',
  foreignField: 'not_found',
  nulls: 'invalid',
  empties: 'invalid',
  noSub: 'denied',
}

/** The student asks the school to correct or remove their approved destination. */
export default defineFunction({
  fn: 'app.request_destination_change(uuid, text, jsonb, text, text[])',
  seed: async (db, w) => {
    const r = await seedDestinationWorld(db, w)
    return { own: { id: r.destination.own }, a2: { id: r.destination.a2 } }
  },
  calls: {
    removal: {
      args: ({ rows }) => [rows.own!.id, 'removal', null, '改为就业', []],
      returns: outcomeOf,
      effect: requestCount,
    },
    correction: {
      args: ({ rows }) => [rows.own!.id, 'correction', { major: '软件工程' }, '专业填错', []],
      returns: outcomeOf,
      effect: requestCount,
    },
    unreviewed: {
      args: ({ rows }) => [rows.own!.id, 'removal', null, '改为就业', []],
      setup: unreviewed,
      returns: outcomeOf,
      effect: requestCount,
    },
    a2: { args: ({ rows }) => [rows.a2!.id, 'removal', null, '改为就业', []], returns: outcomeOf },
    missing: { args: () => [MISSING, 'removal', null, '改为就业', []], returns: outcomeOf },
    // a field the category does not have: the student's own is checked (22023), others' not found
    foreignField: {
      args: ({ rows }) => [rows.own!.id, 'correction', { credit_code: 'x' }, '改正', []],
      returns: outcomeOf,
    },
    nulls: { args: () => [null, null, null, null, null] },
    empties: { args: ({ rows }) => [rows.own!.id, '', null, '', []] },
    noSub: { args: ({ rows }) => [rows.own!.id, 'removal', null, '改为就业', []], setup: withoutSub },
  },
  cases: signedIn({
    student: {
      ...others,
      removal: 'requested:pending · 1',
      correction: 'requested:pending · 1',
      unreviewed: 'not_approved:submitted · 0',
      foreignField: 'invalid',
    },
    applicant: others,
    employer: others,
    schoolStaff: others,
    collegeStaff: others,
    fairStaff: others,
    admin: others,
  }),
})
