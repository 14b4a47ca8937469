import { Button, Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { SALARY_FLOORS, salaryFloorLabel } from '../../../../components/filter-bar'
import { ChoiceChips, FormField, labelOptions, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import type { Intention, IntentionInput } from '../../../../contracts/intentions'
import {
  CITIES,
  COMPANY_SIZE_LABELS,
  COMPANY_TYPE_LABELS,
  INDUSTRY_LABELS,
  JOB_CATEGORY_LABELS,
  JOB_NATURE_LABELS,
  PLAN_LABELS,
  type Plan,
} from '../../../../contracts/job-vocab'
import { fetchIntention, saveIntention } from '../../../../services/intentions'
import { ApiError } from '../../../../services/request'
import { useSession } from '../../../../services/use-session'
import { PushSettingsSection } from '../../push-settings'
import './index.css'

type Form = Omit<Intention, 'updatedAt' | 'plan'> & { plan: Plan | null }
const EMPTY: Form = {
  plan: null,
  natures: [],
  cities: [],
  categories: [],
  industries: [],
  companyTypes: [],
  companySizes: [],
  salaryMin: null,
  subscribed: true,
}
const MAX_CITIES = 10
const toForm = ({ updatedAt: _, ...rest }: Intention): Form => rest

/** Several of a list, as chips; `max` stops adding more (with a toast saying why). */
function MultiChips<T extends string>(props: {
  name: string
  options: ReadonlyArray<{ value: T; label: string }>
  value: readonly T[]
  onChange: (v: T[]) => void
  max?: number
}) {
  const toggle = (v: T) => {
    if (props.value.includes(v)) return props.onChange(props.value.filter((x) => x !== v))
    if (props.max && props.value.length >= props.max) {
      void Taro.showToast({ title: `最多选择 ${props.max} 项`, icon: 'none' })
      return
    }
    props.onChange([...props.value, v])
  }
  return (
    <View className={`chips e2e-intention-${props.name}`}>
      {props.options.map((o) => (
        <Text
          key={o.value}
          className={`chip ${props.value.includes(o.value) ? 'chip--active' : ''}`}
          onClick={() => toggle(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  )
}

/**
 * 求职意向: the plan after graduation; 拟就业 opens the whole form (工作性质、城市、期望职位、行业、
 * 单位性质、单位规模、期望薪资 and 订阅), which the feed (按求职意向推荐) and job pushes match.
 */
export default function IntentionPage() {
  const session = useSession()
  const [form, setForm] = useState<Form | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  // each show of the page reloads the push settings too
  const [shown, setShown] = useState(0)
  const isStudent = session?.user.role === 'student'

  const load = async () => {
    if (!isStudent) return
    setLoadError(null)
    try {
      const { intention } = await fetchIntention()
      setForm(intention ? toForm(intention) : EMPTY)
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  useDidShow(() => {
    void load()
    setShown((n) => n + 1)
  })

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '求职意向面向学生' })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!form) return <Loading />

  // from the latest state: two taps before a re-render must both count
  const set = (patch: Partial<Form>) => setForm((f) => f && { ...f, ...patch })
  const employment = form.plan === 'employment'

  const submit = async () => {
    if (saving) return
    if (!form.plan) {
      setErrors({ plan: '请选择毕业去向' })
      return
    }
    // another plan keeps no job conditions: the form hid them, the API would refuse them
    const input: IntentionInput = employment
      ? { ...form, plan: form.plan }
      : { ...EMPTY, plan: form.plan, subscribed: form.subscribed }
    setSaving(true)
    setErrors({})
    setMessage(null)
    try {
      const r = await saveIntention(input)
      if (r.intention) setForm(toForm(r.intention))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      if (e instanceof ApiError && e.fields) {
        setErrors(Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k.split('.')[0]!, v])))
      }
      setMessage((e as Error).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className="page intention">
      {message && <Notice kind="error" className="e2e-intention-error" lines={[message]} />}
      <View className="card">
        <FormField label="毕业去向" name="plan" error={errors.plan}>
          <ChoiceChips
            name="plan"
            options={labelOptions(PLAN_LABELS)}
            value={form.plan}
            onChange={(plan) => set({ plan })}
          />
        </FormField>
      </View>
      {employment && (
        <View className="card e2e-intention-job-fields">
          <FormField label="工作性质" name="natures" error={errors.natures} optional>
            <MultiChips
              name="natures"
              options={labelOptions(JOB_NATURE_LABELS)}
              value={form.natures}
              onChange={(natures) => set({ natures })}
            />
          </FormField>
          <FormField label={`工作城市（最多 ${MAX_CITIES} 个）`} name="cities" error={errors.cities} optional>
            <MultiChips
              name="cities"
              options={CITIES.map((c) => ({ value: c as string, label: c }))}
              value={form.cities}
              onChange={(cities) => set({ cities })}
              max={MAX_CITIES}
            />
          </FormField>
          <FormField label="期望职位" name="categories" error={errors.categories} optional>
            <MultiChips
              name="categories"
              options={labelOptions(JOB_CATEGORY_LABELS)}
              value={form.categories}
              onChange={(categories) => set({ categories })}
            />
          </FormField>
          <FormField label="期望行业" name="industries" error={errors.industries} optional>
            <MultiChips
              name="industries"
              options={labelOptions(INDUSTRY_LABELS)}
              value={form.industries}
              onChange={(industries) => set({ industries })}
            />
          </FormField>
          <FormField label="单位性质" name="companyTypes" error={errors.companyTypes} optional>
            <MultiChips
              name="types"
              options={labelOptions(COMPANY_TYPE_LABELS)}
              value={form.companyTypes}
              onChange={(companyTypes) => set({ companyTypes })}
            />
          </FormField>
          <FormField label="单位规模" name="companySizes" error={errors.companySizes} optional>
            <MultiChips
              name="sizes"
              options={labelOptions(COMPANY_SIZE_LABELS)}
              value={form.companySizes}
              onChange={(companySizes) => set({ companySizes })}
            />
          </FormField>
          <FormField label="期望月薪" name="salaryMin" error={errors.salaryMin} optional>
            <ChoiceChips
              name="salary"
              options={[
                { value: null, label: '不限' },
                ...SALARY_FLOORS.map((n) => ({ value: String(n), label: salaryFloorLabel(n) })),
              ]}
              value={form.salaryMin === null ? null : String(form.salaryMin)}
              onChange={(v) => set({ salaryMin: v === null ? null : Number(v) })}
            />
          </FormField>
          <View className="intention__row">
            <View className="intention__text">
              <Text className="intention__title">订阅职位推送</Text>
              <Text className="intention__hint">有符合意向的新职位时，通过消息通知你</Text>
            </View>
            <Switch
              className="e2e-intention-subscribed"
              checked={form.subscribed}
              color="#1f6feb"
              onChange={(e) => set({ subscribed: e.detail.value })}
            />
          </View>
        </View>
      )}
      <Button className="btn btn--primary e2e-intention-save" disabled={saving} onClick={() => void submit()}>
        {saving ? '保存中…' : '保存'}
      </Button>
      {shown > 0 && <PushSettingsSection refresh={shown} />}
    </View>
  )
}
