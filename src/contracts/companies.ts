import { z } from 'zod'

export const Company = z.object({
  id: z.string().uuid(),
  name: z.string(),
  creditCode: z.string().nullable(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
})
export type Company = z.infer<typeof Company>

export const CompanyListQuery = z.object({ verified: z.enum(['0', '1']).optional() })
export const CompanyListResponse = z.object({ items: z.array(Company) })
export const CompanyVerifyRequest = z.object({ verified: z.boolean() })
export const CompanyResponse = z.object({ company: Company })

export const EventStaffRequest = z.object({ userId: z.string().uuid('请选择工作人员') })
export const EventStaffMember = z.object({ userId: z.string().uuid(), displayName: z.string() })
export const EventStaffResponse = z.object({ items: z.array(EventStaffMember) })

/** `app.verify_company`'s outcomes. */
export const CompanyVerifyOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('updated'), verified: z.boolean() }),
  z.object({ outcome: z.literal('not_found') }),
  z.object({ outcome: z.literal('forbidden') }),
])
