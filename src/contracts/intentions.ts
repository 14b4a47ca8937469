import { z } from 'zod'
import { CityName } from './job-search'
import { CompanySize, CompanyType, Industry, JobCategory, JobNature, Plan } from './job-vocab'

/** 求职意向 as stored: only plan `employment` (拟就业) carries the job fields. */
export const Intention = z.object({
  plan: Plan,
  natures: z.array(JobNature),
  cities: z.array(z.string()),
  categories: z.array(JobCategory),
  industries: z.array(Industry),
  companyTypes: z.array(CompanyType),
  companySizes: z.array(CompanySize),
  /** expected monthly salary in 元; matches jobs whose salary_max reaches it */
  salaryMin: z.number().int().nullable(),
  /** 订阅: push matching new jobs (the push issue sends them) */
  subscribed: z.boolean(),
  updatedAt: z.string(),
})
export type Intention = z.infer<typeof Intention>

const unique = <T>(xs: T[]) => [...new Set(xs)]

/** PUT /api/me/intention. Other plans than 拟就业 send the job fields empty (the form hides them). */
export const IntentionInput = z
  .object({
    plan: Plan,
    natures: z.array(JobNature).max(3).default([]).transform(unique),
    cities: z.array(CityName).max(10, '最多选择 10 个城市').default([]).transform(unique),
    categories: z.array(JobCategory).max(14).default([]).transform(unique),
    industries: z.array(Industry).max(14).default([]).transform(unique),
    companyTypes: z.array(CompanyType).max(7).default([]).transform(unique),
    companySizes: z.array(CompanySize).max(5).default([]).transform(unique),
    salaryMin: z
      .number({ error: '期望薪资须为整数' })
      .int('期望薪资须为整数')
      .min(0, '期望薪资不能为负')
      .max(1_000_000, '期望薪资过高')
      .nullable()
      .default(null),
    subscribed: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.plan === 'employment') return
    const filled =
      v.natures.length +
        v.cities.length +
        v.categories.length +
        v.industries.length +
        v.companyTypes.length +
        v.companySizes.length >
        0 || v.salaryMin !== null
    if (filled) {
      ctx.addIssue({ code: 'custom', path: ['plan'], message: '只有选择「拟就业」才能填写求职条件' })
    }
  })
export type IntentionInput = z.input<typeof IntentionInput>

export const IntentionResponse = z.object({ intention: Intention.nullable() })
export type IntentionResponse = z.infer<typeof IntentionResponse>
