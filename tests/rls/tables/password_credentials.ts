import { serviceOnly } from '../spec'

/** Password hashes: the system only, not even the owner. */
export default serviceOnly({
  table: 'password_credentials',
  key: ['user_id'],
  // made by makeUser for every user of the world
  seed: (_db, w) => ({ student: { user_id: w.users.student.id }, admin: { user_id: w.users.admin.id } }),
  rowLabels: ['student', 'admin'],
  inserts: { self: { values: ({ me }) => ({ user_id: me, login: 'matrix_self', password_hash: 'x' }) } },
  updates: {
    renameStudent: { row: 'student', set: () => ({ login: 'matrix_renamed' }) },
    resetAdmin: { row: 'admin', set: () => ({ password_hash: 'known' }) },
  },
})
