import { TalentDetailResponse, type TalentSearchQuery, TalentSearchResponse } from '../contracts/talent'
import { queryString } from './query-string'
import { request } from './request'

/** 人才搜索: resumes of students who let employers find them (the database decides who shows). */
export function searchTalent(q: Partial<TalentSearchQuery> = {}, req: { toast?: boolean } = {}) {
  return request(`/api/employer/talent${queryString(q)}`, { schema: TalentSearchResponse, toast: req.toast })
}

/** One searchable resume and the invitations my company already sent its student. */
export function fetchTalent(id: string) {
  return request(`/api/employer/talent/${id}`, { schema: TalentDetailResponse })
}
