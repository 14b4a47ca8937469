import { seedApplicationsWorld, worldIds } from '../../../applications/fixtures'
import { type Ctx, defineFunction, MISSING, outcomeOf, signedIn, withoutSub } from '../spec'

type App = 'appA' | 'appB' | 'appIv'
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString()
const URL = 'https://meet.example.com/abc'
const invite = (label: App, rest: (string | null)[], startsAt: () => string | null = inTwoDays) => ({
  // rest: mode, address, video_url, then contact and note after the time
  args: (c: Ctx) => [worldIds(c.w)[label], rest[0], rest[1], rest[2], startsAt(), rest[3], rest[4]],
  returns: outcomeOf,
  effect: (c: Ctx) => ({
    sql: 'select status from public.applications where id = $1',
    params: [worldIds(c.w)[label]],
  }),
})
const bystander = {
  video: 'not_found · submitted',
  onsite: 'not_found · submitted',
  open: 'not_found · interview',
  past: 'not_found · submitted',
  other: 'not_found · submitted',
  missing: 'not_found',
  noAddress: 'invalid',
  badUrl: 'invalid',
  emptyContact: 'invalid',
  badMode: 'invalid',
  nullTime: 'invalid',
  nulls: 'invalid',
  noSub: 'denied',
}

/**
 * 邀请面试: members of the job's company, for an application that is not withdrawn, unsuitable or
 * hired, at a future time, one open interview per application (appIv has one). Onsite needs an
 * address, video an http(s) link; the other place field is dropped (the empty video link of
 * `onsite`, the empty note of `video`).
 */
export default defineFunction({
  fn: 'app.invite_interview(uuid, text, text, text, timestamp with time zone, text, text)',
  seed: seedApplicationsWorld,
  calls: {
    video: invite('appA', ['video', null, URL, '王经理 13800000000', '']),
    onsite: invite('appA', ['onsite', '北京市海淀区中关村大街1号', '', '王经理', '请带纸质简历']),
    open: invite('appIv', ['video', null, URL, '王经理', null]),
    past: invite('appA', ['video', null, URL, '王经理', null], () =>
      new Date(Date.now() - 3_600_000).toISOString(),
    ),
    other: invite('appB', ['video', null, URL, '王经理', null]),
    missing: { args: () => [MISSING, 'video', null, URL, inTwoDays(), '王经理', null], returns: outcomeOf },
    noAddress: invite('appA', ['onsite', '', null, '王经理', null]),
    badUrl: invite('appA', ['video', null, 'javascript:alert(1)', '王经理', null]),
    emptyContact: invite('appA', ['video', null, URL, '', null]),
    badMode: invite('appA', ['', null, URL, '王经理', null]),
    nullTime: invite('appA', ['video', null, URL, '王经理', null], () => null),
    nulls: { args: () => [null, null, null, null, null, null, null] },
    noSub: { ...invite('appA', ['video', null, URL, '王经理', null]), setup: withoutSub },
  },
  cases: signedIn({
    student: bystander,
    applicant: bystander,
    employer: {
      ...bystander,
      video: 'invited · interview',
      onsite: 'invited · interview',
      open: 'already_open · interview',
      past: 'starts_in_past · submitted',
    },
    schoolStaff: bystander,
    collegeStaff: bystander,
    fairStaff: bystander,
    admin: bystander,
  }),
})
