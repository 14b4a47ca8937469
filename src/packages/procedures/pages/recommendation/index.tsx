import { Button, Input, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { CharCounter, countChars } from '../../../../components/char-counter'
import { FormField, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import {
  type EducationEntry,
  RECOMMENDATION_FIELD_LABELS,
  RECOMMENDATION_LIMITS,
  RECOMMENDATION_STATUS_LABELS,
  type Recommendation,
} from '../../../../contracts/procedures'
import {
  downloadRecommendationPdf,
  fetchRecommendation,
  saveRecommendation,
  withdrawRecommendation,
} from '../../../../services/procedures'
import { useSession } from '../../../../services/use-session'
import { EducationEditor } from '../../education-editor'
import { NotBound } from '../../not-bound'
import {
  emptyEntry,
  type Form,
  LIMITS,
  PLACEHOLDERS,
  type TextKey,
  toForm,
  validateRecommendation,
} from '../../recommendation-form'
import { RecommendationText } from '../../recommendation-text'
import { RecommendationView, SchoolOpinions } from '../../recommendation-view'
import { StatusBanner, type Tone } from '../../status-banner'
import { useProcedureLoad } from '../../use-procedure-load'
import { useSaveSubmit } from '../../use-save-submit'
import '../../procedures.css'

const BANNER: Record<Recommendation['status'], { tone: Tone; hint: string }> = {
  draft: { tone: 'info', hint: '填写后保存并送审，学院审核通过后可下载推荐表。' },
  submitted: { tone: 'info', hint: '已提交，等待学院审核。审核前可撤回修改。' },
  returned: { tone: 'error', hint: '推荐表被退回，请按原因修改后重新送审。' },
  approved: { tone: 'ok', hint: '推荐表已审核通过，可下载 PDF 打印或发送给用人单位。' },
}

/** 就业推荐表: the student's part of the form, its review, and the approved form's PDF. */
export default function RecommendationPage() {
  const session = useSession()
  const [rec, setRec] = useState<Recommendation | null>(null)
  const [form, setForm] = useState<Form | null>(null)
  const isStudent = session?.user.role === 'student'

  const show = (r: Recommendation) => {
    setRec(r)
    setForm(toForm(r))
  }

  const { notBound, loadError, load } = useProcedureLoad({
    isStudent,
    subscriptions: true,
    read: async () => {
      show(await fetchRecommendation({ toast: false }))
    },
  })
  useDidShow(() => void load())

  const { errors, setErrors, message, busy, setBusy, save, withdraw } = useSaveSubmit({
    validate: (submit) => validateRecommendation(form!, submit),
    save: (fields, submit) => saveRecommendation({ fields, submit }),
    withdraw: withdrawRecommendation,
    withdrawText: '撤回后可修改再重新送审。确定撤回吗？',
    show,
    reload: () => void load(),
  })

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
  if (notBound) return <NotBound hint="就业推荐表依据学校生源库的学籍信息填写。" bind={false} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!rec || !form) return <Loading />

  const status = rec.status
  const editing = status === 'draft' || status === 'returned'
  const textArea = (k: Exclude<TextKey, 'health'>) => (
    <RecommendationText k={k} value={form[k]} error={errors[k]} onInput={(v) => setText(k, v)} />
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

      {status === 'approved' && <SchoolOpinions r={rec} />}

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
          <EducationEditor
            entries={form.education}
            errors={errors}
            onChange={setEntry}
            onAdd={addEntry}
            onRemove={removeEntry}
          />
          {textArea('positions')}
          {textArea('awards')}
          {textArea('self_evaluation')}
        </View>
      ) : (
        <RecommendationView r={rec} />
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
