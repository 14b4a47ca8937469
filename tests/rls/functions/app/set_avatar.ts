import { all, type Ctx, defineFunction, signedIn, withoutSub } from '../spec'

const FILE = '0f0e0d0c-0b0a-4908-8706-050403020100'
const OLD = '1f1e1d1c-1b1a-4918-9716-151413121110'
const key = (owner: string | null, file = FILE, ext = 'png') => `${owner}/${file}.${ext}`
// the caller's avatar afterwards, relative to the key the call names
const avatarIs = (expected: (c: Ctx) => string) => (c: Ctx) => ({
  sql: `select case when avatar_path is null then 'none' when avatar_path = $2 then 'the new key' else avatar_path end
        from public.student_profiles where user_id = $1`,
  params: [c.me, expected(c)],
})

const calls = ['own', 'replace', 'othersKey', 'traversal', 'notUuid', 'nulls', 'empty', 'noSub'] as const
const invalidKeys = {
  othersKey: 'invalid',
  traversal: 'invalid',
  notUuid: 'invalid',
  nulls: 'invalid',
  empty: 'invalid',
}
const student = {
  own: 'null · the new key',
  // returns the previous key (for the caller to delete: it lies in their own prefix)
  replace: 'the previous key · the new key',
  ...invalidKeys,
  noSub: 'denied',
}

/**
 * The only writer of student_profiles.avatar_path (issue 9 item 4): a student sets a key inside
 * their own prefix, `<own id>/<uuid>.png|jpg`, and gets the previous key back. Another user's key,
 * a path that climbs out, NULL or empty are refused; only students have an avatar.
 */
export default defineFunction({
  fn: 'app.set_avatar(text)',
  calls: {
    own: { args: ({ me }) => [key(me)], effect: avatarIs(({ me }) => key(me)) },
    replace: {
      args: ({ me }) => [key(me)],
      setup: ({ me }) => ({
        sql: `insert into public.student_profiles (user_id, avatar_path) select $1, $2 where $1::uuid is not null
              on conflict (user_id) do update set avatar_path = excluded.avatar_path`,
        params: [me, key(me, OLD, 'jpg')],
      }),
      returns: (v, { me }) => (v === key(me, OLD, 'jpg') ? 'the previous key' : v),
      effect: avatarIs(({ me }) => key(me)),
    },
    othersKey: { args: ({ w }) => [key(w.users.studentA2.id)] },
    traversal: { args: ({ me, w }) => [`${me}/../${w.users.studentA2.id}/${FILE}.png`] },
    notUuid: { args: ({ me }) => [`${me}/avatar.png`] },
    nulls: { args: () => [null] },
    empty: { args: () => [''] },
    noSub: { args: ({ me }) => [key(me)], setup: withoutSub },
  },
  cases: signedIn({
    student,
    // a student not bound yet has a profile too
    applicant: student,
    employer: all('denied', calls),
    schoolStaff: all('denied', calls),
    collegeStaff: all('denied', calls),
    fairStaff: all('denied', calls),
    admin: all('denied', calls),
  }),
})
