import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { CharCounter, countChars } from '../../../../components/char-counter'
import { FormField, KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import {
  type EducationEntry,
  RECOMMENDATION_FIELD_LABELS,
  RECOMMENDATION_LIMITS,
  RECOMMENDATION_STATUS_LABELS,
  type Recommendation,
  RecommendationFields,
} from '../../../../contracts/procedures'
import {
  downloadRecommendationPdf,
  fetchRecommendation,
  saveRecommendation,
  withdrawRecommendation,
} from '../../../../services/procedures'
import { ApiError, asApiError } from '../../../../services/request'
import { askToSubscribe, loadSubscriptions } from '../../../../services/subscriptions'
import { useSession } from '../../../../services/use-session'
import { apiFieldErrors } from '../../fields'
import { StatusBanner, type Tone } from '../../status-banner'
import '../../procedures.css'

type TextKey = 'health' | 'positions' | 'awards' | 'self_evaluation'
interface Form {
  health: string
  education: EducationEntry[]
  positions: string
  awards: string
  self_evaluation: string
}
type Errors = Partial<Record<string, string>>

const LIMITS: Record<TextKey, number> = {
  health: RECOMMENDATION_LIMITS.health,
  positions: RECOMMENDATION_LIMITS.positions,
  awards: RECOMMENDATION_LIMITS.awards,
  self_evaluation: RECOMMENDATION_LIMITS.self_evaluation,
}
const PLACEHOLDERS: Record<TextKey, string> = {
  health: '如 健康、良好',
  positions: '在校期间担任的学生干部、社团职务等',
  awards: '获得的奖学金、荣誉称号、竞赛奖项及处分情况',
  self_evaluation: '从思想品德、学习、实践、能力等方面评价自己',
}
const REQUIRED: ReadonlySet<string> = new Set(['health', 'education', 'self_evaluation'])
const SELF_MIN = RECOMMENDATION_LIMITS.self_evaluation_min

const BANNER: Record<Recommendation['status'], { tone: Tone; hint: string }> = {
  draft: { tone: 'info', hint: '填写后保存并送审，学院审核通过后可下载推荐表。' },
  submitted: { tone: 'info', hint: '已提交，等待学院审核。审核前可撤回修改。' },
  returned: { tone: 'error', hint: '推荐表被退回，请按原因修改后重新送审。' },
  approved: { tone: 'ok', hint: '推荐表已审核通过，可下载 PDF 打印或发送给用人单位。' },
}

function toForm(r: Recommendation): Form {
  return {
    health: r.fields.health ?? '',
    education: r.fields.education.map((e) => ({ ...e })),
    positions: r.fields.positions ?? '',
    awards: r.fields.awards ?? '',
    self_evaluation: r.fields.self_evaluation ?? '',
  }
}

const emptyEntry = (): EducationEntry => ({ from: '', to: '', school: '', role: '' })

/** zod's issues and the API's `fields` alike: `education.0.school` → its message. */
function issuesToErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Errors {
  const out: Errors = {}
  for (const i of issues) {
    const key = i.path.map(String).join('.')
    out[key] ??= i.message
  }
  return out
}

function MonthPicker(props: {
  value: string
  hook: string
  placeholder: string
  onChange: (v: string) => void
}) {
  return (
    <Picker
      mode="date"
      fields="month"
      className={props.hook}
      value={props.value}
      onChange={(e) => props.onChange(String(e.detail.value).slice(0, 7))}
    >
      <Text className={`form-field__value ${props.value ? '' : 'form-field__placeholder'}`}>
        {props.value || props.placeholder}
      </Text>
    </Picker>
  )
}

/** The approved form, read-only: what the student wrote and what the school said. */
function ReadOnly({ r }: { r: Recommendation }) {
  const f = r.fields
  return (
    <View className="card e2e-rec-view">
      <KeyValue k={RECOMMENDATION_FIELD_LABELS.health} v={f.health ?? '未填写'} />
      <FormField label={RECOMMENDATION_FIELD_LABELS.education} name="rec-view-education">
        {f.education.length === 0 && <Text className="form-field__value">未填写</Text>}
        {f.education.map((e) => (
          <Text key={`${e.from}-${e.to}-${e.school}`} className="form-field__value e2e-rec-view-edu">
            {e.from} 至 {e.to} · {e.school}
            {e.role ? ` · ${e.role}` : ''}
          </Text>
        ))}
      </FormField>
      {(['positions', 'awards', 'self_evaluation'] as const).map((k) => (
        <FormField key={k} label={RECOMMENDATION_FIELD_LABELS[k]} name={`rec-view-${k}`}>
          <Text className={`form-field__value rec-opinion e2e-rec-view-${k}`}>{f[k] || '未填写'}</Text>
        </FormField>
      ))}
    </View>
  )
}

/** 就业推荐表: the student's part of the form, its review, and the approved form's PDF. */
export default function RecommendationPage() {
  const session = useSession()
  const [rec, setRec] = useState<Recommendation | null>(null)
  const [form, setForm] = useState<Form | null>(null)
  const [notBound, setNotBound] = useState(false)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<'save' | 'submit' | 'withdraw' | 'pdf' | null>(null)
  const isStudent = session?.user.role === 'student'

  const show = (r: Recommendation) => {
    setRec(r)
    setForm(toForm(r))
  }

  const load = async () => {
    if (!isStudent) return
    setLoadError(null)
    void loadSubscriptions()
    try {
      show(await fetchRecommendation({ toast: false }))
    } catch (e) {
      const err = asApiError(e, '加载失败，请稍后再试')
      if (err.status === 404) setNotBound(true)
      else setLoadError(err.message)
    }
  }
  useDidShow(() => void load())

  const setText = (k: TextKey, v: string) => {
    setForm((f) => (f ? { ...f, [k]: v } : f))
    const n = countChars(v)
    setErrors((e) => ({
      ...e,
      [k]: n > LIMITS[k] ? `${RECOMMENDATION_FIELD_LABELS[k]}最多 ${LIMITS[k]} 字` : undefined,
    }))
  }
  const setEntry = (i: number, key: keyof EducationEntry, v: string) => {
    setForm((f) =>
      f ? { ...f, education: f.education.map((e, n) => (n === i ? { ...e, [key]: v } : e)) } : f,
    )
    setErrors((e) => ({ ...e, [`education.${i}.${key}`]: undefined, education: undefined }))
  }
  const addEntry = () =>
    setForm((f) =>
      f && f.education.length < RECOMMENDATION_LIMITS.education
        ? { ...f, education: [...f.education, emptyEntry()] }
        : f,
    )
  const removeEntry = (i: number) => {
    setForm((f) => (f ? { ...f, education: f.education.filter((_, n) => n !== i) } : f))
    setErrors({})
  }

  const validate = (submit: boolean): { body: RecommendationFields } | { errors: Errors } => {
    const f = form!
    const parsed = RecommendationFields.safeParse({
      health: f.health.trim(),
      education: f.education.map((e) => ({ ...e, school: e.school.trim(), role: e.role.trim() })),
      positions: f.positions.trim(),
      awards: f.awards.trim(),
      self_evaluation: f.self_evaluation.trim(),
    })
    const out: Errors = parsed.success ? {} : issuesToErrors(parsed.error.issues)
    f.education.forEach((e, i) => {
      if (e.from && e.to && e.from > e.to) out[`education.${i}.to`] ??= '结束年月不能早于起始年月'
    })
    if (submit) {
      if (!f.health.trim()) out.health ??= '请填写健康状况'
      if (f.education.length === 0) out.education ??= '请至少填写一条教育经历'
      if (countChars(f.self_evaluation) < SELF_MIN) out.self_evaluation ??= `自我评价至少 ${SELF_MIN} 字`
    }
    if (Object.keys(out).length || !parsed.success) return { errors: out }
    return { body: parsed.data }
  }

  const save = async (submit: boolean) => {
    if (!form || busy) return
    // first in the tap, before any await: WeChat asks only inside the gesture
    if (submit) void askToSubscribe('procedure')
    setMessage(null)
    const v = validate(submit)
    if ('errors' in v) {
      setErrors(v.errors)
      setMessage(submit ? '请按提示补全或修改后再送审' : '请按提示修改后再保存')
      return
    }
    setErrors({})
    setBusy(submit ? 'submit' : 'save')
    try {
      show(await saveRecommendation({ fields: v.body, submit }))
      void Taro.showToast({ title: submit ? '已送审' : '已保存', icon: 'success' })
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      setErrors(apiFieldErrors(err.fields, 'fields'))
      setMessage(err.message)
      if (err.status === 409) void load()
    } finally {
      setBusy(null)
    }
  }

  const withdraw = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: '撤回送审',
      content: '撤回后可修改再重新送审。确定撤回吗？',
    })
    if (!confirm) return
    setBusy('withdraw')
    try {
      show(await withdrawRecommendation())
      void Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) void load()
    } finally {
      setBusy(null)
    }
  }

  const download = async () => {
    if (busy) return
    setBusy('pdf')
    try {
      await downloadRecommendationPdf(`${session?.user.displayName ?? ''}就业推荐表.pdf`)
    } catch {
      // downloadRecommendationPdf toasted why
    } finally {
      setBusy(null)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '就业推荐表面向学生' })
  if (gate) return gate
  if (notBound)
    return (
      <View className="page">
        <EmptyState title="请先绑定学籍" hint="就业推荐表依据学校生源库的学籍信息填写。" />
      </View>
    )
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!rec || !form) return <Loading />

  const status = rec.status
  const editing = status === 'draft' || status === 'returned'
  const textArea = (k: Exclude<TextKey, 'health'>) => (
    <FormField
      key={k}
      label={RECOMMENDATION_FIELD_LABELS[k]}
      name={`rec-${k}`}
      optional={!REQUIRED.has(k)}
      error={errors[k]}
    >
      <Textarea
        className={`form-field__textarea e2e-rec-${k}`}
        placeholder={PLACEHOLDERS[k]}
        value={form[k]}
        maxlength={LIMITS[k]}
        autoHeight
        onInput={(e) => setText(k, e.detail.value)}
      />
      <CharCounter
        text={form[k]}
        max={LIMITS[k]}
        min={k === 'self_evaluation' ? SELF_MIN : undefined}
        className={`e2e-rec-${k}-count`}
      />
    </FormField>
  )
  return (
    <View className="page e2e-rec-page">
      <StatusBanner
        title="就业推荐表"
        status={status}
        statusLabel={RECOMMENDATION_STATUS_LABELS[status]}
        tone={BANNER[status].tone}
        hint={BANNER[status].hint}
        at={status === 'submitted' ? rec.submittedAt : rec.decidedAt}
        returnReason={status === 'returned' ? rec.returnReason : null}
        hook="e2e-rec-status"
        reasonHook="e2e-rec-return-reason"
      />

      {status === 'approved' && (
        <View className="card e2e-rec-opinions">
          <FormField label="学院意见" name="rec-school-comment">
            <Text className="form-field__value rec-opinion e2e-rec-comment">{rec.schoolComment ?? '—'}</Text>
          </FormField>
          <FormField label="推荐意见" name="rec-recommendation">
            <Text className="form-field__value rec-opinion e2e-rec-recommendation">
              {rec.recommendation ?? '—'}
            </Text>
          </FormField>
        </View>
      )}

      {message && <Notice kind="error" className="e2e-rec-error" lines={[message]} />}
      {editing ? (
        <View className="card e2e-rec-form">
          <FormField label={RECOMMENDATION_FIELD_LABELS.health} name="rec-health" error={errors.health}>
            <Input
              className="form-field__input e2e-rec-health"
              placeholder={PLACEHOLDERS.health}
              value={form.health}
              maxlength={LIMITS.health}
              onInput={(e) => setText('health', e.detail.value)}
            />
            <CharCounter text={form.health} max={LIMITS.health} className="e2e-rec-health-count" />
          </FormField>

          <FormField
            label={`${RECOMMENDATION_FIELD_LABELS.education}（${form.education.length}/${RECOMMENDATION_LIMITS.education}）`}
            name="rec-education"
            error={errors.education}
          >
            {form.education.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id; removing re-renders the rest
              <View key={i} className={`rec-edu e2e-rec-edu e2e-rec-edu-${i}`}>
                <View className="rec-edu__head">
                  <Text>第 {i + 1} 段</Text>
                  <Text className={`link e2e-rec-edu-remove-${i}`} onClick={() => removeEntry(i)}>
                    删除
                  </Text>
                </View>
                <View className="rec-edu__months">
                  <FormField
                    label="起始年月"
                    name={`rec-edu-${i}-from`}
                    error={errors[`education.${i}.from`]}
                  >
                    <MonthPicker
                      hook={`e2e-rec-edu-${i}-from`}
                      placeholder="请选择"
                      value={e.from}
                      onChange={(v) => setEntry(i, 'from', v)}
                    />
                  </FormField>
                  <FormField label="结束年月" name={`rec-edu-${i}-to`} error={errors[`education.${i}.to`]}>
                    <MonthPicker
                      hook={`e2e-rec-edu-${i}-to`}
                      placeholder="请选择"
                      value={e.to}
                      onChange={(v) => setEntry(i, 'to', v)}
                    />
                  </FormField>
                </View>
                <FormField label="学校" name={`rec-edu-${i}-school`} error={errors[`education.${i}.school`]}>
                  <Input
                    className={`form-field__input e2e-rec-edu-${i}-school`}
                    placeholder="学校名称"
                    value={e.school}
                    maxlength={60}
                    onInput={(ev) => setEntry(i, 'school', ev.detail.value)}
                  />
                </FormField>
                <FormField
                  label="担任职务"
                  name={`rec-edu-${i}-role`}
                  optional
                  error={errors[`education.${i}.role`]}
                >
                  <Input
                    className={`form-field__input e2e-rec-edu-${i}-role`}
                    placeholder="如 班长、学生会主席"
                    value={e.role}
                    maxlength={40}
                    onInput={(ev) => setEntry(i, 'role', ev.detail.value)}
                  />
                </FormField>
              </View>
            ))}
            {form.education.length < RECOMMENDATION_LIMITS.education && (
              <Text className="link e2e-rec-edu-add" onClick={addEntry}>
                + 添加教育经历
              </Text>
            )}
          </FormField>

          {textArea('positions')}
          {textArea('awards')}
          {textArea('self_evaluation')}
        </View>
      ) : (
        <ReadOnly r={rec} />
      )}

      <View className="proc-actions">
        {editing && (
          <View className="proc-row-actions">
            <Button
              className="btn e2e-rec-save"
              loading={busy === 'save'}
              disabled={!!busy}
              onClick={() => void save(false)}
            >
              保存草稿
            </Button>
            <Button
              className="btn btn--primary e2e-rec-submit"
              loading={busy === 'submit'}
              disabled={!!busy}
              onClick={() => void save(true)}
            >
              保存并送审
            </Button>
          </View>
        )}
        {status === 'submitted' && (
          <Button
            className="btn btn--danger e2e-rec-withdraw"
            loading={busy === 'withdraw'}
            disabled={!!busy}
            onClick={() => void withdraw()}
          >
            撤回
          </Button>
        )}
        {status === 'approved' && (
          <Button
            className="btn btn--primary e2e-rec-pdf"
            loading={busy === 'pdf'}
            disabled={!!busy}
            onClick={() => void download()}
          >
            下载推荐表
          </Button>
        )}
      </View>
    </View>
  )
}
