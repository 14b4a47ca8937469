import { Text, View } from '@tarojs/components'
import { ChoiceChips, FormField, KeyValue, labelOptions, TextField } from '../../components/form'
import {
  EMPLOYER_TYPE_LABELS,
  type EmployerType,
  INDUSTRY_LABELS,
  type Industry,
  OFFLINE_FIELD_LABELS,
  type OfflineAgreement,
  type OfflineField,
  type OfflineFields,
} from '../../contracts/agreement-offline'
import { SIGNING_BLOCK_LABELS, SigningBlock } from '../../contracts/signing'
import type { asApiError } from '../../services/request'

/** The form's values: every field as the inputs hold it (text), the two choices as 'yes' | 'no'. */
export type OfflineValues = Record<OfflineField, string>

const TEXT_FIELDS: OfflineField[] = [
  'employerName',
  'creditCode',
  'employerLocation',
  'contactName',
  'contactPhone',
  'position',
  'contractYears',
  'salaryMonthly',
  'workPlace',
  'archiveTo',
  'reportCardTo',
  'hukouTo',
]
const PLACEHOLDERS: Partial<Record<OfflineField, string>> = {
  employerName: '与单位公章一致',
  creditCode: '18 位，见营业执照',
  employerLocation: '如：上海市浦东新区',
  position: '如：软件工程师',
  contractYears: '如：3',
  salaryMonthly: '如：8000',
  workPlace: '如：上海市浦东新区',
  archiveTo: '如：上海市人才服务中心',
  reportCardTo: '如：上海市人力资源和社会保障局',
  hukouTo: '如：生源地派出所',
}
const OPTIONAL: OfflineField[] = ['contactName', 'contactPhone', 'reportCardTo']

export function emptyValues(): OfflineValues {
  return Object.fromEntries(
    (Object.keys(OFFLINE_FIELD_LABELS) as OfflineField[]).map((f) => [
      f,
      f === 'takesArchive' || f === 'takesHukou' ? 'no' : '',
    ]),
  ) as OfflineValues
}

export function valuesOf(a: OfflineAgreement): OfflineValues {
  const v = emptyValues()
  for (const [k, x] of Object.entries(a.fields)) {
    const f = k as OfflineField
    if (typeof x === 'boolean') v[f] = x ? 'yes' : 'no'
    else v[f] = x === null ? '' : String(x)
  }
  return v
}

/** The request's fields: empty text clears a field, empty numbers are null. */
export function fieldsOf(v: OfflineValues, only?: readonly OfflineField[]): OfflineFields {
  const out: Record<string, unknown> = {}
  for (const f of only ?? (Object.keys(v) as OfflineField[])) {
    const x = v[f].trim()
    if (f === 'takesArchive' || f === 'takesHukou') out[f] = x === 'yes'
    else if (f === 'contractYears' || f === 'salaryMonthly') out[f] = x === '' ? null : Number(x)
    else out[f] = x
  }
  return out as OfflineFields
}

/** 录入协议: the fields (text inputs, chips for 单位性质 / 单位行业 / 档案 / 户口). */
export function OfflineForm(props: {
  values: OfflineValues
  errors: Record<string, string>
  onChange: (f: OfflineField, v: string) => void
  fields?: readonly OfflineField[]
}) {
  const shown = new Set(props.fields ?? (Object.keys(OFFLINE_FIELD_LABELS) as OfflineField[]))
  const yesNo = (f: 'takesArchive' | 'takesHukou') => (
    <FormField label={OFFLINE_FIELD_LABELS[f]} name={`offline-${f}`} error={props.errors[f]}>
      <ChoiceChips
        name={`offline-${f}`}
        options={[
          { value: 'yes', label: '是' },
          { value: 'no', label: '否' },
        ]}
        value={props.values[f] === 'yes' ? 'yes' : 'no'}
        onChange={(x) => props.onChange(f, x ?? 'no')}
      />
    </FormField>
  )
  const text = (f: OfflineField) =>
    shown.has(f) && (
      <TextField
        key={f}
        label={OFFLINE_FIELD_LABELS[f]}
        name={`offline-${f}`}
        value={props.values[f]}
        onInput={(v) => props.onChange(f, v)}
        error={props.errors[f]}
        optional={OPTIONAL.includes(f)}
        placeholder={PLACEHOLDERS[f]}
        type={f === 'contractYears' ? 'digit' : f === 'salaryMonthly' ? 'number' : 'text'}
        maxlength={f === 'creditCode' ? 18 : 200}
        inputClassName={`e2e-offline-${f}`}
      />
    )
  return (
    <View className="e2e-offline-form">
      <Text className="sign-section-title">用人单位</Text>
      {text('employerName')}
      {text('creditCode')}
      {shown.has('employerType') && (
        <FormField label="单位性质" name="offline-employerType" error={props.errors.employerType}>
          <ChoiceChips<EmployerType>
            name="offline-employerType"
            options={labelOptions(EMPLOYER_TYPE_LABELS)}
            value={(props.values.employerType || null) as EmployerType | null}
            onChange={(x) => props.onChange('employerType', x ?? '')}
          />
        </FormField>
      )}
      {shown.has('industry') && (
        <FormField label="单位行业" name="offline-industry" error={props.errors.industry}>
          <ChoiceChips<Industry>
            name="offline-industry"
            options={labelOptions(INDUSTRY_LABELS)}
            value={(props.values.industry || null) as Industry | null}
            onChange={(x) => props.onChange('industry', x ?? '')}
          />
        </FormField>
      )}
      {text('employerLocation')}
      {text('contactName')}
      {text('contactPhone')}
      <Text className="sign-section-title">协议条款</Text>
      {TEXT_FIELDS.filter((f) => ['position', 'contractYears', 'salaryMonthly', 'workPlace'].includes(f)).map(
        text,
      )}
      <Text className="sign-section-title">档案与户口</Text>
      {shown.has('takesArchive') && yesNo('takesArchive')}
      {text('archiveTo')}
      {text('reportCardTo')}
      {shown.has('takesHukou') && yesNo('takesHukou')}
      {text('hukouTo')}
    </View>
  )
}

/** 预览 / the generated agreement: what it states, read-only. */
export function OfflineView({ a }: { a: Pick<OfflineAgreement, 'fields' | 'blank'> }) {
  const f = a.fields
  const v = (x: string | number | null, suffix = '') => (x === null || x === '' ? '—' : `${x}${suffix}`)
  return (
    <View className="e2e-offline-view">
      <KeyValue k="用人单位" v={v(f.employerName)} />
      <KeyValue k="统一社会信用代码" v={v(f.creditCode)} />
      {!a.blank && <KeyValue k="单位性质" v={f.employerType ? EMPLOYER_TYPE_LABELS[f.employerType] : '—'} />}
      {!a.blank && <KeyValue k="单位行业" v={f.industry ? INDUSTRY_LABELS[f.industry] : '—'} />}
      {!a.blank && <KeyValue k="单位所在地" v={v(f.employerLocation)} />}
      <KeyValue k="单位联系人" v={[f.contactName, f.contactPhone].filter(Boolean).join(' ') || '—'} />
      <KeyValue k="岗位" v={v(f.position)} />
      <KeyValue k="合同期限" v={v(f.contractYears, ' 年')} />
      <KeyValue k="月薪（税前）" v={v(f.salaryMonthly, ' 元/月')} />
      <KeyValue k="工作地点" v={v(f.workPlace)} />
      <KeyValue k="档案" v={`${f.takesArchive ? '单位接收' : '学生自行办理'}：${v(f.archiveTo)}`} />
      <KeyValue k="报到证去向" v={v(f.reportCardTo)} />
      <KeyValue k="户口" v={`${f.takesHukou ? '单位接收' : '学生自行办理'}：${v(f.hukouTo)}`} />
    </View>
  )
}

/** The form's values as the preview shows them (what generating will state). */
export function previewOf(v: OfflineValues): OfflineAgreement['fields'] {
  const t = (f: OfflineField) => v[f].trim() || null
  const n = (f: OfflineField) => (v[f].trim() === '' || Number.isNaN(Number(v[f])) ? null : Number(v[f]))
  return {
    employerName: t('employerName'),
    creditCode: t('creditCode')?.toUpperCase() ?? null,
    employerType: (t('employerType') as EmployerType | null) ?? null,
    industry: (t('industry') as Industry | null) ?? null,
    employerLocation: t('employerLocation'),
    contactName: t('contactName'),
    contactPhone: t('contactPhone'),
    position: t('position'),
    contractYears: n('contractYears'),
    salaryMonthly: n('salaryMonthly'),
    workPlace: t('workPlace'),
    takesArchive: v.takesArchive === 'yes',
    archiveTo: t('archiveTo'),
    reportCardTo: t('reportCardTo'),
    takesHukou: v.takesHukou === 'yes',
    hukouTo: t('hukouTo'),
  }
}

/** The refusal as the student reads it (not_eligible with its label). */
export function refusalText(e: ReturnType<typeof asApiError>): string {
  if (e.details?.outcome === 'not_eligible') {
    const reason = SigningBlock.safeParse(e.details?.reason)
    return `暂不能签约：${reason.success ? SIGNING_BLOCK_LABELS[reason.data] : e.message}`
  }
  return e.message
}
