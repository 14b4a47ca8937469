import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { ChoiceChips, FormField, labelOptions, TextField } from '../../components/form'
import { CITIES, JOB_NATURE_LABELS } from '../../contracts/job-vocab'
import {
  EDUCATION_DEGREE_LABELS,
  type EducationDegree,
  OPTIONAL_SECTION_LABELS,
  RESUME_GENDER_LABELS,
  SECTION_LIMITS,
} from '../../contracts/resumes'
import { type Draft, type EntrySection, hook } from './model'

type Errors = Record<string, string>

interface FieldSpec {
  key: string
  label: string
  kind: 'text' | 'month' | 'textarea' | 'degree'
  max: number
  placeholder?: string
  optional?: boolean
}

const month = (key: string, label: string, optional = false): FieldSpec => ({
  key,
  label,
  kind: 'month',
  max: 10,
  placeholder: '年-月，如 2024-06',
  optional,
})
const description: FieldSpec = {
  key: 'description',
  label: '描述',
  kind: 'textarea',
  max: 1000,
  placeholder: '做了什么、用了什么、结果如何（1000字以内）',
  optional: true,
}

/** Each list section: its title, what "add" says, and its entry's fields (the schema's limits). */
export const SECTION_SPECS: Record<EntrySection, { title: string; add: string; fields: FieldSpec[] }> = {
  education: {
    title: '教育背景',
    add: '添加教育经历',
    fields: [
      { key: 'school', label: '学校', kind: 'text', max: 50 },
      { key: 'major', label: '专业', kind: 'text', max: 50 },
      { key: 'degree', label: '学历', kind: 'degree', max: 0 },
      month('start', '入学时间'),
      month('end', '毕业时间'),
      {
        key: 'gpa',
        label: '成绩/GPA',
        kind: 'text',
        max: 20,
        optional: true,
        placeholder: '如 3.6/4.0 或 前10%',
      },
      { key: 'courses', label: '主修课程', kind: 'text', max: 200, optional: true },
    ],
  },
  internships: {
    title: OPTIONAL_SECTION_LABELS.internships,
    add: '添加实习经历',
    fields: [
      { key: 'company', label: '公司', kind: 'text', max: 50 },
      { key: 'role', label: '职位', kind: 'text', max: 50 },
      month('start', '开始时间', true),
      month('end', '结束时间', true),
      description,
    ],
  },
  projects: {
    title: OPTIONAL_SECTION_LABELS.projects,
    add: '添加项目经历',
    fields: [
      { key: 'name', label: '项目名称', kind: 'text', max: 50 },
      { key: 'role', label: '担任角色', kind: 'text', max: 50, optional: true },
      month('start', '开始时间', true),
      month('end', '结束时间', true),
      description,
    ],
  },
  awards: {
    title: OPTIONAL_SECTION_LABELS.awards,
    add: '添加获奖',
    fields: [
      { key: 'name', label: '奖项', kind: 'text', max: 50 },
      month('date', '获奖时间', true),
      { key: 'description', label: '说明', kind: 'text', max: 200, optional: true },
    ],
  },
  skills: {
    title: OPTIONAL_SECTION_LABELS.skills,
    add: '添加技能',
    fields: [
      { key: 'name', label: '技能', kind: 'text', max: 30, placeholder: '如 Python、英语' },
      {
        key: 'level',
        label: '掌握程度',
        kind: 'text',
        max: 20,
        optional: true,
        placeholder: '如 熟练、CET-6 560',
      },
    ],
  },
  certificates: {
    title: OPTIONAL_SECTION_LABELS.certificates,
    add: '添加证书',
    fields: [{ key: 'name', label: '证书名称', kind: 'text', max: 50 }, month('date', '取得时间', true)],
  },
  campusRoles: {
    title: OPTIONAL_SECTION_LABELS.campusRoles,
    add: '添加校园经历',
    fields: [
      { key: 'organization', label: '组织', kind: 'text', max: 50, placeholder: '如 学生会、社团' },
      { key: 'role', label: '职务', kind: 'text', max: 50 },
      month('start', '开始时间', true),
      month('end', '结束时间', true),
      description,
    ],
  },
}

const DEGREE_OPTIONS = labelOptions(EDUCATION_DEGREE_LABELS)
const GENDER_OPTIONS = labelOptions(RESUME_GENDER_LABELS)

function Field(props: {
  spec: FieldSpec
  path: string
  value: string | undefined
  errors: Errors
  onChange: (v: string | undefined) => void
}) {
  const { spec, path } = props
  const name = `resume-${hook(path)}`
  if (spec.kind === 'degree') {
    return (
      <FormField label={spec.label} name={name} error={props.errors[path]}>
        <ChoiceChips
          name={name}
          options={DEGREE_OPTIONS}
          value={(props.value as EducationDegree | undefined) ?? null}
          onChange={(v) => props.onChange(v ?? undefined)}
        />
      </FormField>
    )
  }
  if (spec.kind === 'textarea') {
    return (
      <FormField label={spec.label} name={name} error={props.errors[path]} optional={spec.optional}>
        <Textarea
          className={`form-field__textarea e2e-${name}`}
          placeholder={spec.placeholder}
          value={props.value ?? ''}
          maxlength={spec.max}
          autoHeight
          onInput={(e) => props.onChange(e.detail.value)}
        />
      </FormField>
    )
  }
  return (
    <TextField
      label={spec.label}
      name={name}
      optional={spec.optional}
      error={props.errors[path]}
      inputClassName={`e2e-${name}`}
      placeholder={spec.placeholder}
      value={props.value ?? ''}
      maxlength={spec.max}
      onInput={props.onChange}
    />
  )
}

/** One list section: its entries, each removable, and "add" while under the section's limit. */
export function EntryList(props: {
  section: EntrySection
  draft: Draft
  errors: Errors
  onChange: (entries: Array<Record<string, string | undefined>>) => void
  onRemoveSection?: () => void
}) {
  const spec = SECTION_SPECS[props.section]
  const entries = (props.draft[props.section] ?? []) as Array<Record<string, string | undefined>>
  const limit = SECTION_LIMITS[props.section]
  const setEntry = (n: number, key: string, v: string | undefined) =>
    props.onChange(entries.map((e, i) => (i === n ? { ...e, [key]: v } : e)))
  return (
    <View className={`resume-section e2e-resume-section-${props.section}`}>
      <View className="section-title">
        <Text>{spec.title}</Text>
        {props.onRemoveSection && (
          <Text
            className={`link resume-section__remove e2e-resume-remove-${props.section}`}
            onClick={props.onRemoveSection}
          >
            移除模块
          </Text>
        )}
      </View>
      {props.errors[props.section] && (
        <Text className="form-field__error">{props.errors[props.section]}</Text>
      )}
      {entries.map((e, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity; every input is controlled by the draft
        <View key={`${props.section}-${n}`} className={`card resume-entry e2e-resume-${props.section}-${n}`}>
          {spec.fields.map((f) => (
            <Field
              key={f.key}
              spec={f}
              path={`${props.section}.${n}.${f.key}`}
              value={e[f.key]}
              errors={props.errors}
              onChange={(v) => setEntry(n, f.key, v)}
            />
          ))}
          <Text
            className="link resume-entry__delete"
            onClick={() => props.onChange(entries.filter((_, i) => i !== n))}
          >
            删除这一条
          </Text>
        </View>
      ))}
      {entries.length < limit && (
        <Button
          className={`btn resume-section__add e2e-resume-add-${props.section}`}
          onClick={() => props.onChange([...entries, {}])}
        >
          + {spec.add}
        </Button>
      )}
    </View>
  )
}

const COMMON_CITIES = 12

/** 个人信息 (always shown). */
export function PersonalEditor(props: {
  draft: Draft
  errors: Errors
  onChange: (p: Draft['personal']) => void
}) {
  const p = props.draft.personal ?? {}
  const set = (k: string, v: string | undefined) => props.onChange({ ...p, [k]: v })
  const text = (key: keyof typeof p, label: string, max: number, extra: Partial<FieldSpec> = {}) => (
    <Field
      spec={{ key, label, kind: 'text', max, ...extra }}
      path={`personal.${key}`}
      value={p[key] as string | undefined}
      errors={props.errors}
      onChange={(v) => set(key, v)}
    />
  )
  return (
    <View className="resume-section e2e-resume-section-personal">
      <View className="section-title">
        <Text>个人信息</Text>
      </View>
      <View className="card">
        {text('name', '姓名', 30)}
        <FormField label="性别" name="resume-personal-gender" error={props.errors['personal.gender']}>
          <ChoiceChips
            name="resume-personal-gender"
            options={GENDER_OPTIONS}
            value={p.gender ?? null}
            onChange={(v) => set('gender', v ?? undefined)}
          />
        </FormField>
        {text('phone', '手机号', 20, { placeholder: '11位手机号' })}
        {text('email', '邮箱', 100)}
        {text('city', '所在城市', 30, { placeholder: '如 杭州' })}
        {text('birthDate', '出生年月', 10, { optional: true, placeholder: '年-月，如 2003-05' })}
        {text('politicalStatus', '政治面貌', 20, { optional: true, placeholder: '如 共青团员' })}
        {text('hometown', '籍贯', 30, { optional: true })}
      </View>
    </View>
  )
}

/** 求职意向 (always shown): position, up to five cities from the job vocabulary, salary, nature. */
export function IntentionEditor(props: {
  draft: Draft
  errors: Errors
  onChange: (i: Draft['intention']) => void
}) {
  const i = props.draft.intention ?? {}
  const [allCities, setAllCities] = useState(false)
  const cities = i.cities ?? []
  const toggleCity = (c: string) =>
    props.onChange({
      ...i,
      cities: cities.includes(c)
        ? cities.filter((x) => x !== c)
        : cities.length < 5
          ? [...cities, c]
          : cities,
    })
  const offered = [...new Set([...cities, ...(allCities ? CITIES : CITIES.slice(0, COMMON_CITIES))])]
  return (
    <View className="resume-section e2e-resume-section-intention">
      <View className="section-title">
        <Text>求职意向</Text>
      </View>
      <View className="card">
        <Field
          spec={{
            key: 'position',
            label: '期望职位',
            kind: 'text',
            max: 50,
            placeholder: '如 后端开发工程师',
          }}
          path="intention.position"
          value={i.position}
          errors={props.errors}
          onChange={(v) => props.onChange({ ...i, position: v })}
        />
        <FormField
          label="期望城市（最多5个）"
          name="resume-intention-cities"
          error={props.errors['intention.cities']}
        >
          <View className="chips">
            {offered.map((c) => (
              <Text
                key={c}
                className={`chip e2e-resume-city ${cities.includes(c) ? 'chip--active' : ''}`}
                onClick={() => toggleCity(c)}
              >
                {c}
              </Text>
            ))}
            <Text className="link resume-cities__more" onClick={() => setAllCities((v) => !v)}>
              {allCities ? '收起' : '更多城市'}
            </Text>
          </View>
        </FormField>
        <Field
          spec={{
            key: 'salary',
            label: '期望薪资',
            kind: 'text',
            max: 30,
            optional: true,
            placeholder: '如 8k-12k、面议',
          }}
          path="intention.salary"
          value={i.salary}
          errors={props.errors}
          onChange={(v) => props.onChange({ ...i, salary: v })}
        />
        <FormField
          label="工作性质"
          name="resume-intention-nature"
          optional
          error={props.errors['intention.nature']}
        >
          <ChoiceChips
            name="resume-intention-nature"
            options={Object.values(JOB_NATURE_LABELS).map((l) => ({ value: l, label: l }))}
            value={i.nature ?? null}
            onChange={(v) => props.onChange({ ...i, nature: v ?? undefined })}
          />
        </FormField>
      </View>
    </View>
  )
}

/** 自我评价 (addable). */
export function SelfEvaluationEditor(props: {
  value: string
  error?: string
  onChange: (v: string) => void
  onRemoveSection: () => void
}) {
  return (
    <View className="resume-section e2e-resume-section-selfEvaluation">
      <View className="section-title">
        <Text>{OPTIONAL_SECTION_LABELS.selfEvaluation}</Text>
        <Text className="link e2e-resume-remove-selfEvaluation" onClick={props.onRemoveSection}>
          移除模块
        </Text>
      </View>
      <View className="card">
        <FormField label="自我评价" name="resume-selfEvaluation" error={props.error}>
          <Textarea
            className="form-field__textarea e2e-resume-selfEvaluation"
            placeholder="用几句话介绍自己的特点与优势（2000字以内）"
            value={props.value}
            maxlength={2000}
            autoHeight
            onInput={(e) => props.onChange(e.detail.value)}
          />
        </FormField>
      </View>
    </View>
  )
}
