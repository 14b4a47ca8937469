import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { FormField, issuesToFields, KeyValue, Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { SchoolPicker } from '../../../../components/school-picker'
import { ErrorState, Loading } from '../../../../components/state-views'
import {
  BindMismatchDetails,
  BindRequest,
  DEGREE_LEVEL_LABELS,
  type DegreeLevel,
} from '../../../../contracts/binding'
import { syncMe } from '../../../../services/auth'
import { bind, confirmUnbind } from '../../../../services/binding'
import { formatClock } from '../../../../services/format'
import { type ApiError, asApiError } from '../../../../services/request'
import { ME_TAB, REVIEW_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { IdentityFields } from '../../identity-fields'
import { FIELD_LABELS, MISMATCH_FORM_FIELDS } from '../../labels'
import { useBindingPage } from '../../use-binding-page'
import '../../binding.css'

/** Why the last attempt did not bind, shown on the page (not only as a toast). */
type Problem =
  | { kind: 'not_matched'; message: string; fields: string[] }
  | { kind: 'already_bound'; message: string }
  | { kind: 'rate_limited'; message: string; retryAt: number | null }
  | { kind: 'other'; message: string }

interface Form {
  schoolId: string | null
  studentNumber: string
  name: string
  idCard: string
  degreeLevel: DegreeLevel | null
  graduationYear: string
}

const EMPTY: Form = {
  schoolId: null,
  studentNumber: '',
  name: '',
  idCard: '',
  degreeLevel: null,
  graduationYear: '',
}

function toProblem(e: ApiError): Problem {
  switch (e.code) {
    case 'roster_not_matched': {
      // details name a field only once school, number and name all match; before that the
      // three are checked together (the API will not say which, to a stranger)
      const d = BindMismatchDetails.safeParse(e.details)
      const field = d.success ? d.data.field : undefined
      const fields = field ? [MISMATCH_FORM_FIELDS[field]] : ['schoolId', 'studentNumber', 'name']
      return { kind: 'not_matched', message: e.message, fields }
    }
    case 'already_bound':
      return { kind: 'already_bound', message: e.message }
    case 'rate_limited': {
      // the clock time is easier to act on than "N分钟"; the API says when in details
      const wait = e.details?.retry_after_seconds
      return {
        kind: 'rate_limited',
        message: e.message,
        retryAt: typeof wait === 'number' && wait > 0 ? Date.now() + wait * 1000 : null,
      }
    }
    default:
      return { kind: 'other', message: e.message }
  }
}

function ProblemNotice({ problem }: { problem: Problem }) {
  switch (problem.kind) {
    case 'not_matched':
      return (
        <Notice
          kind="error"
          title="未能在学校生源库中核对到你的信息"
          className="e2e-bind-reason"
          lines={[
            problem.fields.length > 0 &&
              `请核对：${problem.fields.map((f) => FIELD_LABELS[f] ?? f).join('、')}`,
            problem.message,
          ]}
        />
      )
    case 'already_bound':
      return (
        <Notice
          kind="warn"
          title="该学籍已绑定其他微信账号"
          className="e2e-bind-already-bound"
          lines={[
            problem.message,
            '如是本人更换了手机或微信，请联系学校就业部门解除原绑定后，再在本微信上重新绑定。',
          ]}
        />
      )
    case 'rate_limited':
      return (
        <Notice
          kind="warn"
          title="尝试次数过多，请稍后再试"
          className="e2e-bind-rate-limited"
          lines={[
            problem.message,
            problem.retryAt !== null && `可在 ${formatClock(problem.retryAt)} 之后再次尝试。`,
          ]}
        />
      )
    default:
      return <Notice kind="error" className="e2e-bind-error" lines={[problem.message]} />
  }
}

/** 绑定学籍: school + 学号 + 姓名 + 身份证号 (and optionally 学历层次, 毕业年份) against the school's roster. */
export default function BindPage() {
  const session = useSession()
  const { status, setStatus, loadError, load, schools, form, setForm, set, fields, setFields } =
    useBindingPage(session, EMPTY)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    const input = BindRequest.safeParse({
      schoolId: form.schoolId ?? '',
      studentNumber: form.studentNumber,
      name: form.name,
      idCard: form.idCard.toUpperCase(),
      degreeLevel: form.degreeLevel ?? undefined,
      graduationYear: form.graduationYear.trim() || undefined,
    })
    if (!input.success) {
      setFields(issuesToFields(input.error.issues))
      return
    }
    setFields({})
    setProblem(null)
    setBusy(true)
    try {
      const bound = await bind(input.data)
      setStatus(bound)
      await syncMe()
      void Taro.showToast({ title: '绑定成功', icon: 'success' })
      setTimeout(() => void Taro.switchTab({ url: ME_TAB }), 800)
    } catch (e) {
      const err = asApiError(e, '绑定失败，请稍后再试')
      const problem = toProblem(err)
      // not matched: mark the fields to check (the API names none before number and name match)
      const marks =
        problem.kind === 'not_matched' ? Object.fromEntries(problem.fields.map((f) => [f, '请核对'])) : {}
      setFields(err.fields ?? marks)
      setProblem(problem)
      if (err.code === 'conflict') void load()
    } finally {
      setBusy(false)
    }
  }

  const onUnbind = async () => {
    if (await confirmUnbind()) {
      setForm(EMPTY)
      void load()
    }
  }

  const gate = roleGate(
    session,
    ['student'],
    { title: '无需绑定学籍', hint: '只有学生账号需要绑定学籍' },
    { hint: '使用微信授权登录后绑定学籍', actionClassName: 'e2e-bind-login' },
  )
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!status) return <Loading />

  if (status.record) {
    const r = status.record
    return (
      <View className="page">
        <Notice
          kind="ok"
          title="已绑定学籍"
          className="e2e-bind-done"
          lines={['你的微信已与以下学籍绑定。']}
        />
        <View className="card">
          <KeyValue k="学校" v={r.schoolName} />
          <KeyValue k="学院" v={r.college} />
          <KeyValue k="专业" v={r.major} />
          <KeyValue k="学历层次" v={DEGREE_LEVEL_LABELS[r.degreeLevel]} />
          <KeyValue k="毕业年份" v={String(r.graduationYear)} />
          <KeyValue k="学号" v={r.studentNumber} />
          <KeyValue k="姓名" v={r.name} />
          <KeyValue k="身份证号" v={r.idCardMasked} />
        </View>
        <View className="binding__actions">
          <Button className="btn btn--primary" onClick={() => void Taro.switchTab({ url: ME_TAB })}>
            返回我的
          </Button>
          <Button className="btn btn--danger e2e-bind-unbind" onClick={() => void onUnbind()}>
            解除绑定
          </Button>
        </View>
      </View>
    )
  }

  const review = status.review
  return (
    <View className="page">
      <Text className="binding__intro">
        请填写学校生源库中的信息。核对通过后，你的微信将与学籍绑定（一个学籍只能绑定一个微信）。
      </Text>
      {status.verified && review?.status === 'approved' && (
        <Notice
          kind="ok"
          title="已通过人工审核"
          className="e2e-bind-review-approved"
          lines={['你的身份已由人工审核确认，无需再绑定生源库学籍。']}
        />
      )}
      {review?.status === 'pending' && (
        <Notice kind="info" title="人工审核中" lines={['你的人工审核申请正在审核，也可继续在此核对学籍。']}>
          <Text className="link" onClick={() => Taro.navigateTo({ url: REVIEW_PAGE })}>
            查看申请
          </Text>
        </Notice>
      )}
      {problem && <ProblemNotice problem={problem} />}
      <View className="card">
        <FormField label="学校" name="school" error={fields.schoolId}>
          <SchoolPicker schools={schools} value={form.schoolId} onChange={(id) => set('schoolId', id)} />
        </FormField>
        <TextField
          label="学号"
          name="studentNumber"
          error={fields.studentNumber}
          inputClassName="e2e-bind-student-number"
          placeholder="请输入学号"
          value={form.studentNumber}
          maxlength={32}
          onInput={(v) => set('studentNumber', v)}
        />
        <IdentityFields
          form={form}
          fields={fields}
          set={set}
          prefix="bind"
          namePlaceholder="与学籍一致的姓名"
          optionalDetails
        />
      </View>
      <View className="binding__actions">
        <Button
          className="btn btn--primary e2e-bind-submit"
          loading={busy}
          disabled={busy}
          onClick={() => void submit()}
        >
          核对并绑定
        </Button>
      </View>
      <View className="binding__links">
        <Text className="link e2e-bind-review-link" onClick={() => Taro.navigateTo({ url: REVIEW_PAGE })}>
          外地或往届毕业生，生源库中没有我？申请人工审核
        </Text>
      </View>
    </View>
  )
}
