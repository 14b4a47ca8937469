import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import {
  ChoiceChips,
  FormField,
  issuesToFields,
  labelOptions,
  Notice,
  TextField,
} from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import {
  CITIES,
  DEGREE_LABELS,
  type Degree,
  INDUSTRY_LABELS,
  type Industry,
  JOB_CATEGORY_LABELS,
  JOB_NATURE_LABELS,
  JOB_STATUS_LABELS,
  type JobCategory,
  type JobNature,
} from '../../../../contracts/job-vocab'
import {
  chinaToday,
  type EmployerJob,
  JOB_PUBLISH_OUTCOME_LABELS,
  JobInput,
} from '../../../../contracts/jobs'
import { createJob, fetchMyJob, publishJob, updateJob } from '../../../../services/employer-jobs'
import { ApiError, asApiError } from '../../../../services/request'
import { EMPLOYER_COMPANY_PAGE, EMPLOYER_JOBS_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { refusalText } from '../../job-refusal'
import '../../employer.css'

interface Form {
  title: string
  category: JobCategory | null
  industry: Industry | null
  cities: string[]
  otherCity: string
  salaryMin: string
  salaryMax: string
  degree: Degree | null
  majors: string
  headcount: string
  nature: JobNature | null
  description: string
  contact: string
  deadline: string
}

function inDays(days: number): string {
  const d = new Date(`${chinaToday()}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

const EMPTY: Form = {
  title: '',
  category: null,
  industry: null,
  cities: [],
  otherCity: '',
  salaryMin: '',
  salaryMax: '',
  degree: 'any',
  majors: '',
  headcount: '1',
  nature: 'full_time',
  description: '',
  contact: '',
  deadline: inDays(30),
}

function toForm(j: EmployerJob): Form {
  return {
    title: j.title,
    category: j.category,
    industry: j.industry,
    cities: j.cities,
    otherCity: '',
    salaryMin: String(j.salaryMin),
    salaryMax: String(j.salaryMax),
    degree: j.degree,
    majors: j.majors.join('、'),
    headcount: String(j.headcount),
    nature: j.nature,
    description: j.description,
    contact: j.contact ?? '',
    deadline: j.deadline,
  }
}

/** The form as the API's body: numbers as numbers, majors split on 、 , ， ; and spaces. */
function toInput(f: Form): unknown {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s.trim()))
  const other = f.otherCity.trim()
  return {
    title: f.title,
    category: f.category ?? undefined,
    industry: f.industry ?? undefined,
    cities: other && !f.cities.includes(other) ? [...f.cities, other] : f.cities,
    salaryMin: num(f.salaryMin),
    salaryMax: num(f.salaryMax),
    degree: f.degree ?? 'any',
    majors: f.majors
      .split(/[、,，;；\s]+/)
      .map((m) => m.trim())
      .filter(Boolean),
    headcount: num(f.headcount),
    nature: f.nature ?? undefined,
    description: f.description,
    contact: f.contact.trim() || null,
    deadline: f.deadline,
  }
}

/**
 * 发布职位 / 编辑职位: a new job is saved as a draft, and 保存并发布 publishes it at once; a
 * published job is edited in place and stays published. A refused publish (the company is not
 * verified yet, the deadline has passed) keeps the saved draft and says why on the page.
 */
export default function JobEditPage() {
  const session = useSession()
  const [id, setId] = useState<string | null>(useRouter().params.id ?? null)
  const [job, setJob] = useState<EmployerJob | null>(null)
  const [form, setForm] = useState<Form | null>(id ? null : EMPTY)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<{
    kind: 'error' | 'ok' | 'warn'
    text: string
    verify?: boolean
  } | null>(null)
  const [saving, setSaving] = useState(false)
  const isEmployer = session?.user.role === 'employer'

  const load = async () => {
    if (!isEmployer || !id || job) return
    setLoadError(null)
    try {
      const r = await fetchMyJob(id)
      setJob(r.job)
      setForm(toForm(r.job))
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f))
    if (fields[key]) setFields((f) => ({ ...f, [key]: '' }))
  }
  const toggleCity = (c: string) => {
    if (!form) return
    set('cities', form.cities.includes(c) ? form.cities.filter((x) => x !== c) : [...form.cities, c])
  }

  const submit = async (publish: boolean) => {
    if (!form || saving) return
    setNotice(null)
    const parsed = JobInput.safeParse(toInput(form))
    if (!parsed.success) {
      setFields(issuesToFields(parsed.error.issues))
      setNotice({ kind: 'error', text: '请检查标红的项目' })
      return
    }
    setFields({})
    setSaving(true)
    try {
      const body = parsed.data
      const saved = id ? await updateJob(id, body) : await createJob(body)
      setId(saved.job.id)
      setJob(saved.job)
      setForm(toForm(saved.job))
      if (!publish) {
        void Taro.showToast({ title: '已保存', icon: 'success' })
        if (saved.job.status !== 'draft') return
        setNotice({ kind: 'ok', text: '已保存为草稿，发布后学生才能看到' })
        return
      }
      try {
        const r = await publishJob(saved.job.id)
        setJob(r.job)
        void Taro.showToast({ title: JOB_PUBLISH_OUTCOME_LABELS.published, icon: 'success' })
        setTimeout(() => void Taro.redirectTo({ url: EMPLOYER_JOBS_PAGE }), 600)
      } catch (e) {
        const err = e instanceof ApiError ? e : null
        setNotice({
          kind: 'warn',
          text: `已保存为草稿，但未能发布：${refusalText(err) ?? (e as Error).message}`,
          verify: err?.details?.outcome === 'company_unverified',
        })
        if (err?.fields) setFields(err.fields)
      }
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      setFields(err.fields ?? {})
      setNotice({ kind: 'error', text: err.message })
    } finally {
      setSaving(false)
    }
  }

  const gate = roleGate(session, ['employer'], {
    title: '仅用人单位账号可用',
    hint: '职位由用人单位的招聘账号发布',
  })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!form) return <Loading />
  if (job?.status === 'closed') {
    return (
      <View className="page">
        <Notice kind="info" title={job.title} lines={['该职位已关闭，不能再修改或重新发布。']} />
      </View>
    )
  }

  const live = job !== null && job.status !== 'draft'
  return (
    <View className="page">
      {job && (
        <Notice
          kind="info"
          className="e2e-job-edit-status"
          lines={[
            `当前状态：${JOB_STATUS_LABELS[job.status]}`,
            live && '修改后职位保持招聘中，学生看到的是新内容。',
          ]}
        />
      )}
      {notice && (
        <Notice kind={notice.kind} className="e2e-job-edit-notice" lines={[notice.text]}>
          {notice.verify && (
            <Text
              className="link e2e-job-edit-go-company"
              onClick={() => Taro.navigateTo({ url: EMPLOYER_COMPANY_PAGE })}
            >
              完善单位信息 ›
            </Text>
          )}
        </Notice>
      )}
      <View className="card">
        <TextField
          label="职位名称"
          name="job-title"
          error={fields.title}
          value={form.title}
          maxlength={50}
          placeholder="如：前端开发工程师"
          onInput={(v) => set('title', v)}
        />
        <FormField label="职位类别" name="job-category" error={fields.category}>
          <ChoiceChips
            name="job-category"
            options={labelOptions(JOB_CATEGORY_LABELS)}
            value={form.category}
            onChange={(v) => set('category', v)}
          />
        </FormField>
        <FormField label="所属行业" name="job-industry" error={fields.industry}>
          <ChoiceChips
            name="job-industry"
            options={labelOptions(INDUSTRY_LABELS)}
            value={form.industry}
            onChange={(v) => set('industry', v)}
          />
        </FormField>
        <FormField label="工作性质" name="job-nature" error={fields.nature}>
          <ChoiceChips
            name="job-nature"
            options={labelOptions(JOB_NATURE_LABELS)}
            value={form.nature}
            onChange={(v) => set('nature', v)}
          />
        </FormField>
        <FormField
          label={`工作城市（已选 ${form.cities.length}/10）`}
          name="job-cities"
          error={fields.cities}
        >
          <View className="chips">
            {CITIES.map((c) => (
              <Text
                key={c}
                className={`chip e2e-job-city-${c} ${form.cities.includes(c) ? 'chip--active' : ''}`}
                onClick={() => toggleCity(c)}
              >
                {c}
              </Text>
            ))}
            {form.cities
              .filter((c) => !(CITIES as readonly string[]).includes(c))
              .map((c) => (
                <Text key={c} className="chip chip--active" onClick={() => toggleCity(c)}>
                  {c} ×
                </Text>
              ))}
          </View>
          <Input
            className="form-field__input e2e-job-other-city"
            placeholder="其他城市（选填）"
            value={form.otherCity}
            maxlength={30}
            onInput={(e) => set('otherCity', e.detail.value)}
          />
        </FormField>
        <FormField label="月薪（元）" name="job-salary" error={fields.salaryMin ?? fields.salaryMax}>
          <View className="employer-inline">
            <Input
              className="form-field__input e2e-job-salary-min"
              type="number"
              placeholder="最低"
              value={form.salaryMin}
              onInput={(e) => set('salaryMin', e.detail.value)}
            />
            <Text className="employer-inline__sep">至</Text>
            <Input
              className="form-field__input e2e-job-salary-max"
              type="number"
              placeholder="最高"
              value={form.salaryMax}
              onInput={(e) => set('salaryMax', e.detail.value)}
            />
          </View>
        </FormField>
        <FormField label="学历要求" name="job-degree" error={fields.degree}>
          <ChoiceChips
            name="job-degree"
            options={labelOptions(DEGREE_LABELS)}
            value={form.degree}
            onChange={(v) => set('degree', v)}
          />
        </FormField>
        <TextField
          label="专业要求"
          name="job-majors"
          optional
          error={fields.majors}
          value={form.majors}
          placeholder="多个专业用顿号分隔，如：计算机科学与技术、软件工程"
          onInput={(v) => set('majors', v)}
        />
        <TextField
          label="招聘人数"
          name="job-headcount"
          type="number"
          error={fields.headcount}
          value={form.headcount}
          onInput={(v) => set('headcount', v)}
        />
        <FormField label="截止日期" name="job-deadline" error={fields.deadline}>
          <Picker
            mode="date"
            value={form.deadline}
            start={chinaToday()}
            onChange={(e) => set('deadline', e.detail.value)}
          >
            <Text className="employer-picker e2e-job-deadline">{form.deadline}</Text>
          </Picker>
        </FormField>
        <FormField label="职位描述" name="job-description" error={fields.description}>
          <Textarea
            className="form-field__textarea e2e-job-description-input"
            value={form.description}
            maxlength={5000}
            placeholder="岗位职责、任职要求、福利待遇等"
            onInput={(e) => set('description', e.detail.value)}
          />
        </FormField>
        <TextField
          label="联系方式"
          name="job-contact"
          optional
          error={fields.contact}
          value={form.contact}
          maxlength={100}
          placeholder="如：hr@example.com 或 0571-88886666"
          onInput={(v) => set('contact', v)}
        />
      </View>
      <View className="employer-actions">
        {live ? (
          <Button
            className="btn btn--primary e2e-job-save"
            loading={saving}
            onClick={() => void submit(false)}
          >
            保存修改
          </Button>
        ) : (
          <>
            <Button
              className="btn btn--primary e2e-job-save-publish"
              loading={saving}
              onClick={() => void submit(true)}
            >
              保存并发布
            </Button>
            <Button className="btn e2e-job-save" disabled={saving} onClick={() => void submit(false)}>
              保存草稿
            </Button>
          </>
        )}
      </View>
    </View>
  )
}
