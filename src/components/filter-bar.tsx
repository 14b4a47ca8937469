import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  CITIES,
  COMPANY_SIZE_LABELS,
  COMPANY_TYPE_LABELS,
  DEGREE_LABELS,
  INDUSTRY_LABELS,
  JOB_CATEGORY_LABELS,
  JOB_NATURE_LABELS,
} from '../contracts/job-vocab'
import { labelOptions } from './form'
import './filter-bar.css'

/** What the bar filters by: one value per filter (the API takes lists; a phone picks one). */
export interface JobFilterValue {
  city?: string
  category?: keyof typeof JOB_CATEGORY_LABELS
  nature?: keyof typeof JOB_NATURE_LABELS
  salaryMin?: number
  industry?: keyof typeof INDUSTRY_LABELS
  degree?: keyof typeof DEGREE_LABELS
  companyType?: keyof typeof COMPANY_TYPE_LABELS
  companySize?: keyof typeof COMPANY_SIZE_LABELS
}
export type FilterKey = keyof JobFilterValue

/** Monthly salary floors offered (元): salary_max reaches it. */
export const SALARY_FLOORS = [3000, 5000, 8000, 10000, 15000, 20000, 30000] as const
export const salaryFloorLabel = (n: number) => `${n >= 10000 ? `${n / 10000}万` : `${n / 1000}千`}以上`

const DIMENSIONS: Record<FilterKey, { title: string; options: Array<{ value: string; label: string }> }> = {
  city: { title: '城市', options: CITIES.map((c) => ({ value: c, label: c })) },
  category: { title: '职位类别', options: labelOptions(JOB_CATEGORY_LABELS) },
  nature: { title: '工作性质', options: labelOptions(JOB_NATURE_LABELS) },
  salaryMin: {
    title: '月薪',
    options: SALARY_FLOORS.map((n) => ({ value: String(n), label: salaryFloorLabel(n) })),
  },
  industry: { title: '行业', options: labelOptions(INDUSTRY_LABELS) },
  degree: { title: '学历要求', options: labelOptions(DEGREE_LABELS) },
  companyType: { title: '单位性质', options: labelOptions(COMPANY_TYPE_LABELS) },
  companySize: { title: '单位规模', options: labelOptions(COMPANY_SIZE_LABELS) },
}

/**
 * A row of filters, each opening its options underneath (不限 clears it). e2e hooks:
 * `e2e-filter-<key>` on a filter, `e2e-filter-option` on its options.
 */
export function FilterBar(props: {
  value: JobFilterValue
  onChange: (v: JobFilterValue) => void
  keys?: readonly FilterKey[]
}) {
  const keys = props.keys ?? (['city', 'category', 'nature', 'salaryMin'] as const)
  const [open, setOpen] = useState<FilterKey | null>(null)

  const chosenLabel = (k: FilterKey) => {
    const v = props.value[k]
    if (v === undefined) return null
    return DIMENSIONS[k].options.find((o) => o.value === String(v))?.label ?? String(v)
  }
  const choose = (k: FilterKey, raw: string | null) => {
    const next: JobFilterValue = { ...props.value }
    if (raw === null) delete next[k]
    else if (k === 'salaryMin') next.salaryMin = Number(raw)
    else (next as Record<string, string>)[k] = raw
    setOpen(null)
    props.onChange(next)
  }

  return (
    <View className="filter-bar">
      <View className="filter-bar__row">
        {keys.map((k) => {
          const chosen = chosenLabel(k)
          return (
            <Text
              key={k}
              className={`filter-bar__item e2e-filter-${k} ${chosen ? 'filter-bar__item--on' : ''} ${open === k ? 'filter-bar__item--open' : ''}`}
              onClick={() => setOpen(open === k ? null : k)}
            >
              {chosen ?? DIMENSIONS[k].title} {open === k ? '▴' : '▾'}
            </Text>
          )
        })}
      </View>
      {open && (
        <View className="filter-bar__panel">
          <Text
            className={`filter-bar__option e2e-filter-option ${props.value[open] === undefined ? 'filter-bar__option--on' : ''}`}
            onClick={() => choose(open, null)}
          >
            不限
          </Text>
          {DIMENSIONS[open].options.map((o) => (
            <Text
              key={o.value}
              className={`filter-bar__option e2e-filter-option ${String(props.value[open]) === o.value ? 'filter-bar__option--on' : ''}`}
              onClick={() => choose(open, o.value)}
            >
              {o.label}
            </Text>
          ))}
        </View>
      )}
    </View>
  )
}

/** The bar's value as GET /api/jobs parameters. */
export function filterParams(v: JobFilterValue) {
  return {
    city: v.city ? [v.city] : undefined,
    category: v.category ? [v.category] : undefined,
    nature: v.nature ? [v.nature] : undefined,
    industry: v.industry ? [v.industry] : undefined,
    degree: v.degree ? [v.degree] : undefined,
    companyType: v.companyType ? [v.companyType] : undefined,
    companySize: v.companySize ? [v.companySize] : undefined,
    salaryMin: v.salaryMin,
  }
}
