import { z } from 'zod'

/**
 * The job hunt's vocabularies: one zod enum each, its Chinese labels in one map. The SQL checks in
 * supabase/migrations/20261201000600_jobs_tables.sql name the same values; tests/api/vocabularies
 * compares them.
 */
export const COMPANY_TYPE_LABELS = {
  soe: '国有企业',
  private: '民营企业',
  foreign: '外资企业',
  joint: '合资企业',
  public_institution: '事业单位',
  government: '机关',
  other: '其他',
} as const
export const CompanyType = z.enum(Object.keys(COMPANY_TYPE_LABELS) as [keyof typeof COMPANY_TYPE_LABELS])
export type CompanyType = z.infer<typeof CompanyType>

export const COMPANY_SIZE_LABELS = {
  under_50: '50人以下',
  '50_299': '50-299人',
  '300_999': '300-999人',
  '1000_4999': '1000-4999人',
  '5000_plus': '5000人以上',
} as const
export const CompanySize = z.enum(Object.keys(COMPANY_SIZE_LABELS) as [keyof typeof COMPANY_SIZE_LABELS])
export type CompanySize = z.infer<typeof CompanySize>

export const INDUSTRY_LABELS = {
  internet: '互联网/IT',
  finance: '金融',
  education: '教育培训',
  manufacturing: '制造业',
  healthcare: '医疗健康',
  construction: '建筑/房地产',
  energy: '能源/化工',
  media: '文化传媒',
  logistics: '交通物流',
  public_service: '政府/公共事业',
  consulting: '咨询/专业服务',
  retail: '零售/消费品',
  agriculture: '农林牧渔',
  other: '其他',
} as const
export const Industry = z.enum(Object.keys(INDUSTRY_LABELS) as [keyof typeof INDUSTRY_LABELS])
export type Industry = z.infer<typeof Industry>

export const JOB_CATEGORY_LABELS = {
  tech: '技术研发',
  product: '产品',
  design: '设计',
  operations: '运营',
  marketing: '市场',
  sales: '销售',
  hr_admin: '人力/行政',
  finance: '财务/金融',
  education: '教育/培训',
  healthcare: '医疗/护理',
  engineering: '工程/制造',
  research: '科研',
  civil_service: '公务员/事业编',
  other: '其他',
} as const
export const JobCategory = z.enum(Object.keys(JOB_CATEGORY_LABELS) as [keyof typeof JOB_CATEGORY_LABELS])
export type JobCategory = z.infer<typeof JobCategory>

export const JOB_NATURE_LABELS = { full_time: '全职', intern: '实习', part_time: '兼职' } as const
export const JobNature = z.enum(Object.keys(JOB_NATURE_LABELS) as [keyof typeof JOB_NATURE_LABELS])
export type JobNature = z.infer<typeof JobNature>

export const DEGREE_LABELS = {
  any: '不限',
  college: '大专',
  bachelor: '本科',
  master: '硕士',
  doctor: '博士',
} as const
export const Degree = z.enum(Object.keys(DEGREE_LABELS) as [keyof typeof DEGREE_LABELS])
export type Degree = z.infer<typeof Degree>

/** `jobs.status`, plus `expired`: published past its deadline, computed when read. */
export const JOB_STATUS_LABELS = {
  draft: '草稿',
  published: '招聘中',
  closed: '已关闭',
  expired: '已过期',
} as const
export const JobStatus = z.enum(Object.keys(JOB_STATUS_LABELS) as [keyof typeof JOB_STATUS_LABELS])
export type JobStatus = z.infer<typeof JobStatus>

/** 求职意向's plan: only `employment` (拟就业) shows and keeps the job fields. */
export const PLAN_LABELS = {
  employment: '拟就业',
  further_study: '升学',
  abroad: '出国（境）',
  civil_service: '考公考编',
  entrepreneurship: '自主创业',
  not_yet: '暂不就业',
} as const
export const Plan = z.enum(Object.keys(PLAN_LABELS) as [keyof typeof PLAN_LABELS])
export type Plan = z.infer<typeof Plan>

/** The cities the pickers offer; jobs and intentions store the Chinese name. */
export const CITIES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '南京',
  '苏州',
  '成都',
  '武汉',
  '西安',
  '重庆',
  '天津',
  '长沙',
  '郑州',
  '济南',
  '青岛',
  '合肥',
  '厦门',
  '福州',
  '宁波',
  '哈尔滨',
  '长春',
  '沈阳',
  '大连',
  '昆明',
  '南昌',
  '贵阳',
  '南宁',
  '太原',
  '石家庄',
  '兰州',
  '乌鲁木齐',
  '呼和浩特',
  '海口',
  '无锡',
  '东莞',
  '佛山',
  '珠海',
  '温州',
  '常州',
] as const
