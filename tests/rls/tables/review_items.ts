import { all, defineTable, everyone, type Row, sees } from '../spec'
import { REVIEW_LABELS, type ReviewLabel, type ReviewWorld, seedReviewWorld } from '../world'

const rows = [
  ...REVIEW_LABELS.map((l) => `${l}Source`),
  ...REVIEW_LABELS.map((l) => `${l}Correction`),
  'ownRecommendation',
  'a2Recommendation',
]
const item = (
  r: ReviewWorld,
  kind: 'source_info' | 'correction' | 'recommendation',
  l: ReviewLabel,
): Row => ({
  kind,
  item_id: (kind === 'source_info' ? r.source : kind === 'correction' ? r.correction : r.recommendation)[l],
})

/**
 * The review workbench's queue: one row per submitted item of every kind, kept by triggers. Staff
 * of the item's scope read it (college-level: their college; school-level: their school), admins
 * all; students none (not even their own items: they read the records themselves). Only the
 * triggers write it: no user role may insert, requeue, rename or delete an item.
 */
export default defineTable({
  table: 'review_items',
  key: ['kind', 'item_id'],
  seed: async (db, w) => {
    const r = await seedReviewWorld(db, w)
    const out: Record<string, Row> = {}
    for (const l of REVIEW_LABELS) {
      out[`${l}Source`] = item(r, 'source_info', l)
      out[`${l}Correction`] = item(r, 'correction', l)
    }
    out.ownRecommendation = item(r, 'recommendation', 'own')
    out.a2Recommendation = item(r, 'recommendation', 'a2')
    return out
  },
  selectColumns: ['kind', 'item_id', 'student_id', 'school_id', 'college', 'status', 'awaiting'],
  inserts: {
    fakeItem: {
      values: ({ w, me }) => ({
        kind: 'source_info',
        item_id: w.users.student.id,
        student_id: me,
        school_id: w.schools.a,
        college: '计算机学院',
        major: '软件工程',
        graduation_year: 2027,
        student_name: '伪造',
        student_number: '0',
        status: 'submitted',
        submitted_at: new Date(),
      }),
    },
  },
  updates: {
    // hiding one's item from the queue, or moving another college's into CS
    closeOwnCorrection: { row: 'ownCorrection', set: () => ({ status: 'approved' }) },
    moveA2ToCS: { row: 'a2Correction', set: () => ({ college: '计算机学院' }) },
  },
  cases: {
    select: {
      anon: all('denied', rows),
      student: sees([], rows),
      applicant: sees([], rows),
      employer: sees([], rows),
      schoolStaff: sees(
        rows.filter((r) => !r.startsWith('b1')),
        rows,
      ),
      collegeStaff: sees(
        rows.filter((r) => r.startsWith('own')),
        rows,
      ),
      fairStaff: sees([], rows),
      admin: sees(rows, rows),
    },
    insert: everyone(all('denied', ['fakeItem'])),
    update: everyone(all('denied', ['closeOwnCorrection', 'moveA2ToCS'])),
    delete: everyone(all('denied', rows)),
  },
})
