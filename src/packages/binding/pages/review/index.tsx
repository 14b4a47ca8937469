import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { FormField, issuesToFields, KeyValue, Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { SchoolPicker } from '../../../../components/school-picker'
import { ErrorState, Loading } from '../../../../components/state-views'
import {
  type BindingReview,
  DEGREE_LEVEL_LABELS,
  type DegreeLevel,
  REVIEW_STATUS_LABELS,
  ReviewApplyRequest,
} from '../../../../contracts/binding'
import { applyForReview, withdrawReview } from '../../../../services/binding'
import { formatDate } from '../../../../services/format'
import { asApiError } from '../../../../services/request'
import { BIND_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { IdentityFields } from '../../identity-fields'
import { useBindingPage } from '../../use-binding-page'
import '../../binding.css'

interface Form {
  graduatedFrom: string
  schoolId: string | null
  name: string
  idCard: string
  degreeLevel: DegreeLevel | null
  graduationYear: string
  major: string
  note: string
}

const EMPTY: Form = {
  graduatedFrom: '',
  schoolId: null,
  name: '',
  idCard: '',
  degreeLevel: null,
  graduationYear: '',
  major: '',
  note: '',
}

function ReviewCard({ review, onWithdraw }: { review: BindingReview; onWithdraw: () => void }) {
  return (
    <View className="card e2e-review-card">
      <KeyValue
        k="审核状态"
        v={
          <Text className={`binding__status binding__status--${review.status} e2e-review-status`}>
            {REVIEW_STATUS_LABELS[review.status]}
          </Text>
        }
      />
      {review.status === 'rejected' && review.reason && (
        <KeyValue k="未通过原因" v={<Text className="e2e-review-reason">{review.reason}</Text>} />
      )}
      <KeyValue k="毕业院校" v={review.graduatedFrom} />
      <KeyValue k="姓名" v={review.name} />
      <KeyValue k="身份证号" v={review.idCardMasked} />
      <KeyValue k="学历层次" v={DEGREE_LEVEL_LABELS[review.degreeLevel]} />
      <KeyValue k="毕业年份" v={String(review.graduationYear)} />
      <KeyValue k="专业" v={review.major} />
      {review.note && <KeyValue k="说明" v={review.note} />}
      <KeyValue k="提交时间" v={formatDate(review.createdAt)} />
      {review.status === 'pending' && (
        <Button className="btn btn--danger e2e-review-withdraw" onClick={onWithdraw}>
          撤回申请
        </Button>
      )}
    </View>
  )
}

/**
 * 人工审核 (seed 000 §2.3): graduates of other regions, whose record is not in a roster here, ask school
 * or platform staff to confirm who they are; the latest application's status, withdrawing it, applying again.
 */
export default function ReviewPage() {
  const session = useSession()
  const { status, setStatus, loadError, load, schools, form, setForm, set, fields, setFields } =
    useBindingPage(session, EMPTY)
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    setMessage(null)
    const input = ReviewApplyRequest.safeParse({
      graduatedFrom: form.graduatedFrom,
      schoolId: form.schoolId ?? undefined,
      name: form.name,
      idCard: form.idCard.toUpperCase(),
      degreeLevel: form.degreeLevel ?? undefined,
      graduationYear: form.graduationYear.trim(),
      major: form.major,
      note: form.note.trim() || undefined,
    })
    if (!input.success) {
      const f = issuesToFields(input.error.issues)
      if (f.degreeLevel && !form.degreeLevel) f.degreeLevel = '请选择学历层次'
      if (f.graduationYear && !form.graduationYear.trim()) f.graduationYear = '请输入毕业年份'
      setFields(f)
      return
    }
    setFields({})
    setBusy(true)
    try {
      const { review } = await applyForReview(input.data)
      setStatus((s) => (s ? { ...s, review } : s))
      setForm(EMPTY)
      void Taro.showToast({ title: '已提交申请', icon: 'success' })
    } catch (e) {
      const err = asApiError(e, '提交失败，请稍后再试')
      setFields(err.fields ?? {})
      setMessage(err.message)
      if (err.code === 'conflict') void load()
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async (id: string) => {
    const r = await Taro.showModal({ title: '撤回申请', content: '撤回后可重新提交。确定撤回吗？' })
    if (!r.confirm) return
    try {
      const { review } = await withdrawReview(id)
      setStatus((s) => (s ? { ...s, review } : s))
      void Taro.showToast({ title: '已撤回', icon: 'none' })
    } catch {
      void load() // the wrapper toasted why
    }
  }

  const gate = roleGate(session, ['student'], { title: '无需人工审核', hint: '只有学生账号需要核验身份' })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!status) return <Loading />

  const review = status.review
  if (status.record) {
    return (
      <View className="page">
        <Notice
          kind="ok"
          title="已绑定学籍"
          lines={[`你已绑定${status.record.schoolName}的学籍，无需人工审核。`]}
        />
      </View>
    )
  }
  const canApply = !review || review.status === 'rejected' || review.status === 'withdrawn'
  return (
    <View className="page">
      <Text className="binding__intro">
        适用于外地院校或往届毕业生等在本平台生源库中查不到学籍的情况。提交后由学校或平台工作人员人工核验身份，审核结果会通知你。
      </Text>
      {review?.status === 'approved' && (
        <Notice
          kind="ok"
          title="审核已通过"
          lines={['你的身份已核验，可以办理就业相关业务。']}
          className="e2e-review-approved"
        />
      )}
      {review && <ReviewCard review={review} onWithdraw={() => void withdraw(review.id)} />}
      {canApply && (
        <>
          <View className="section-title">
            <Text>{review ? '重新申请' : '申请人工审核'}</Text>
            <Text className="link" onClick={() => Taro.redirectTo({ url: BIND_PAGE })}>
              改为核对生源库
            </Text>
          </View>
          {message && <Notice kind="error" className="e2e-review-error" lines={[message]} />}
          <View className="card">
            <TextField
              label="毕业院校"
              name="graduatedFrom"
              error={fields.graduatedFrom}
              inputClassName="e2e-review-graduated-from"
              placeholder="毕业证上的院校全称"
              value={form.graduatedFrom}
              maxlength={100}
              onInput={(v) => set('graduatedFrom', v)}
            />
            <FormField label="受理学校" name="school" optional error={fields.schoolId}>
              <SchoolPicker
                schools={schools}
                value={form.schoolId}
                onChange={(id) => set('schoolId', id)}
                placeholder="不选则由平台审核"
              />
              {form.schoolId && (
                <Text className="link" onClick={() => set('schoolId', null)}>
                  不指定学校
                </Text>
              )}
            </FormField>
            <IdentityFields
              form={form}
              fields={fields}
              set={set}
              prefix="review"
              namePlaceholder="身份证上的姓名"
              optionalDetails={false}
            />
            <TextField
              label="专业"
              name="major"
              error={fields.major}
              inputClassName="e2e-review-major"
              placeholder="毕业专业"
              value={form.major}
              maxlength={100}
              onInput={(v) => set('major', v)}
            />
            <FormField label="说明" name="note" optional error={fields.note}>
              <Textarea
                className="form-field__textarea e2e-review-note"
                placeholder="如：外省院校毕业，回乡就业"
                value={form.note}
                maxlength={500}
                onInput={(e) => set('note', e.detail.value)}
              />
            </FormField>
          </View>
          <View className="binding__actions">
            <Button
              className="btn btn--primary e2e-review-submit"
              loading={busy}
              disabled={busy}
              onClick={() => void submit()}
            >
              提交审核
            </Button>
          </View>
        </>
      )}
    </View>
  )
}
