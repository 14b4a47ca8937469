import { z } from 'zod'
import { CompanySize, CompanyType, Degree, Industry, JobCategory, JobNature, JobStatus } from './job-vocab'

/**
 * A job as lists show it (feed, search, company page, favourites). Every list of jobs returns this
 * shape; the detail adds to it.
 */
export const JobSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  companyId: z.string().uuid(),
  companyName: z.string(),
  companyType: CompanyType.nullable(),
  companySize: CompanySize.nullable(),
  category: JobCategory,
  industry: Industry,
  cities: z.array(z.string()),
  salaryMin: z.number().int(),
  salaryMax: z.number().int(),
  degree: Degree,
  nature: JobNature,
  headcount: z.number().int(),
  deadline: z.string(), // YYYY-MM-DD (China date)
  status: JobStatus,
  publishedAt: z.string().nullable(),
})
export type JobSummary = z.infer<typeof JobSummary>
