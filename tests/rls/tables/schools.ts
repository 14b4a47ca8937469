import { all, defineTable, everyone } from '../spec'

const rows = ['a', 'b']

/** The school directory is public (students pick their school before logging in); nobody edits it. */
export default defineTable({
  table: 'schools',
  seed: (_db, w) => ({ a: { id: w.schools.a }, b: { id: w.schools.b } }),
  inserts: { new: { values: () => ({ code: 'MATRIX01', name: '新建大学' }) } },
  updates: { renameA: { row: 'a', set: () => ({ name: '改名大学' }) } },
  cases: {
    select: everyone(all('visible', rows)),
    insert: everyone({ new: 'denied' }),
    update: everyone({ renameA: 'denied' }),
    delete: everyone({ b: 'denied' }),
  },
})
