import { defineFunction, signedIn, withoutSub } from '../spec'

const none = { mine: '[]', noSub: '[]' }

/** The events the caller is assigned to as fair staff (the world assigns fairStaff to event a). */
export default defineFunction({
  fn: 'app.my_staffed_events()',
  calls: {
    mine: { args: () => [] },
    noSub: { args: () => [], setup: withoutSub },
  },
  cases: signedIn({
    student: none,
    applicant: none,
    employer: none,
    schoolStaff: none,
    collegeStaff: none,
    fairStaff: { mine: '["event:a"]', noSub: '[]' },
    admin: none,
  }),
})
