/**
 * Whose roster the caller may import or list: school staff their own school (college-level staff
 * one college of it); platform admins may read any school's they name, but only the school itself
 * writes its roster. RLS enforces the same again per row.
 */

import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import type { RowScope } from './parse-row'

export interface RosterScope extends RowScope {
  schoolId: string
}

export async function rosterScope(
  db: Db,
  requestedSchool: string | undefined,
  purpose: 'read' | 'write',
): Promise<RosterScope> {
  const me = (
    await db.query<{ role: string | null; school: string | null; college: string | null }>(
      'select app.my_role() as role, app.my_school() as school, app.my_college() as college',
    )
  ).rows[0]!
  let schoolId: string
  if (me.role === 'school_staff' && me.school) {
    if (requestedSchool && requestedSchool !== me.school) {
      throw new AppError('forbidden', '只能管理本校的生源信息')
    }
    schoolId = me.school
  } else if (me.role === 'platform_admin' && purpose === 'read') {
    if (!requestedSchool)
      throw new AppError('validation_failed', '请选择学校', { fields: { schoolId: '请选择学校' } })
    schoolId = requestedSchool
  } else {
    throw new AppError(
      'forbidden',
      purpose === 'write' ? '只有学校就业工作人员可以导入生源信息' : '只有学校就业工作人员可以查看生源信息',
    )
  }
  const school = (
    await db.query<{ name: string; code: string }>('select name, code from public.schools where id = $1', [
      schoolId,
    ])
  ).rows[0]
  if (!school) throw new AppError('not_found', '学校不存在')
  return {
    schoolId,
    schoolName: school.name,
    schoolCode: school.code,
    college: me.role === 'school_staff' ? me.college : null,
  }
}
