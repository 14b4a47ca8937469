import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import {
  type EditableField,
  SOURCE_INFO_STATUS_LABELS,
  type SourceInfo,
  type SourceInfoField,
} from '../../../../contracts/procedures'
import { fetchSourceInfo, saveSourceInfo, withdrawSourceInfo } from '../../../../services/procedures'
import { CORRECTION_PAGE, PROCEDURE_HISTORY_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { FieldControl } from '../../field-control'
import {
  checkField,
  displayValue,
  EDITABLE_FIELDS,
  formValue,
  isRequired,
  LOCKED_FIELDS,
  label,
  missingMessage,
} from '../../fields'
import { NotBound } from '../../not-bound'
import { PendingMark, StatusBanner, type Tone } from '../../status-banner'
import { useProcedureLoad } from '../../use-procedure-load'
import { type Errors, useSaveSubmit } from '../../use-save-submit'
import '../../procedures.css'

type Form = Record<EditableField, string>

const BANNER: Record<SourceInfo['status'], { tone: Tone; hint: string }> = {
  unconfirmed: { tone: 'info', hint: '请核对学校上报的信息，补全本人信息后保存并送审。' },
  submitted: { tone: 'info', hint: '已提交，等待学校审核。审核前可撤回，或修改后重新提交。' },
  returned: { tone: 'error', hint: '学校退回了你的生源信息，请按原因修改后重新送审。' },
  approved: { tone: 'ok', hint: '生源信息已审核通过。如信息有误，请提交信息纠错。' },
}

function toForm(info: SourceInfo): Form {
  const form = {} as Form
  for (const f of EDITABLE_FIELDS) form[f] = formValue(info.editable[f])
  return form
}

/** The fields to send, trimmed, or what is wrong (`submit` also asks for the required ones). */
function validateSourceInfo(
  form: Form,
  submit: boolean,
): { body: Record<string, string> } | { errors: Errors } {
  const out: Errors = {}
  for (const f of EDITABLE_FIELDS) {
    const bad = checkField(f, form[f])
    if (bad) out[f] = bad
    else if (submit && isRequired(f) && form[f].trim() === '') out[f] = missingMessage(f)
  }
  if (Object.keys(out).length) return { errors: out }
  const body: Record<string, string> = {}
  for (const f of EDITABLE_FIELDS) body[f] = form[f].trim()
  return { body }
}

function ValueWithMark(props: { field: SourceInfoField; text: string; pending: boolean }) {
  return (
    <View className="proc-value">
      <Text className={`e2e-proc-value-${props.field}`}>{props.text}</Text>
      {props.pending && <PendingMark />}
    </View>
  )
}

/** 生源信息核对: the school's record read-only, the student's own fields as a form, review state and actions. */
export default function SourceInfoPage() {
  const session = useSession()
  const [info, setInfo] = useState<SourceInfo | null>(null)
  const [form, setForm] = useState<Form | null>(null)
  /** editing a submission still under review, to resubmit it */
  const [resubmitting, setResubmitting] = useState(false)
  const isStudent = session?.user.role === 'student'

  const show = (next: SourceInfo) => {
    setInfo(next)
    setForm(toForm(next))
    setResubmitting(false)
  }

  const { notBound, loadError, load } = useProcedureLoad({
    isStudent,
    subscriptions: true,
    read: async () => {
      show(await fetchSourceInfo({ toast: false }))
    },
  })
  useDidShow(() => void load())

  const { errors, setErrors, message, busy, save, withdraw } = useSaveSubmit({
    validate: (submit) => validateSourceInfo(form!, submit),
    save: (fields, submit) => saveSourceInfo({ fields, submit }),
    withdraw: withdrawSourceInfo,
    withdrawText: '撤回后可修改信息再重新送审。确定撤回吗？',
    show,
    reload: () => void load(),
  })

  const set = (field: EditableField, value: string) => {
    setForm((f) => (f ? { ...f, [field]: value } : f))
    // the contract's check as the user types; an API error of the field goes once it is edited
    setErrors((e) => ({ ...e, [field]: checkField(field, value) }))
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '就业手续面向学生' })
  if (gate) return gate
  if (notBound) return <NotBound hint="生源信息来自学校生源库，绑定学籍后即可核对。" />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!info || !form) return <Loading />

  const pending = new Set<string>(info.pendingFields)
  const status = info.status
  const editing = status === 'unconfirmed' || status === 'returned' || resubmitting
  return (
    <View className="page e2e-proc-source-info">
      <StatusBanner
        title="生源信息"
        status={status}
        statusLabel={SOURCE_INFO_STATUS_LABELS[status]}
        tone={BANNER[status].tone}
        hint={BANNER[status].hint}
        at={status === 'submitted' ? info.submittedAt : info.decidedAt}
        returnReason={status === 'returned' ? info.returnReason : null}
        hook="e2e-proc-source-status"
        reasonHook="e2e-proc-return-reason"
      />

      <View className="section-title">
        <Text>学校上报信息</Text>
      </View>
      <Text className="proc-note">学校上报，不可修改。如有误，请在审核通过后提交信息纠错。</Text>
      <View className="card e2e-proc-locked">
        <KeyValue k="姓名" v={<Text className="e2e-proc-name">{info.identity.name}</Text>} />
        <KeyValue
          k="学号"
          v={<Text className="e2e-proc-student-number">{info.identity.studentNumber}</Text>}
        />
        <KeyValue k="身份证号" v={<Text className="e2e-proc-id-card">{info.identity.idCardMasked}</Text>} />
        <KeyValue k="学校" v={info.identity.schoolName} />
        {LOCKED_FIELDS.map((f) => (
          <KeyValue
            key={f}
            k={label(f)}
            v={<ValueWithMark field={f} text={displayValue(f, info.locked[f])} pending={pending.has(f)} />}
          />
        ))}
      </View>

      <View className="section-title">
        <Text>本人填写信息</Text>
      </View>
      {message && <Notice kind="error" className="e2e-proc-error" lines={[message]} />}
      {editing ? (
        <View className="card e2e-proc-form">
          {EDITABLE_FIELDS.map((f) => (
            <FieldControl
              key={f}
              field={f}
              hook={`e2e-proc-field-${f}`}
              value={form[f]}
              optional={!isRequired(f)}
              error={errors[f]}
              onChange={(v) => set(f, v)}
            />
          ))}
        </View>
      ) : (
        <View className="card e2e-proc-editable">
          {EDITABLE_FIELDS.map((f) => (
            <KeyValue
              key={f}
              k={label(f)}
              v={
                <ValueWithMark field={f} text={displayValue(f, info.editable[f])} pending={pending.has(f)} />
              }
            />
          ))}
        </View>
      )}

      <View className="proc-actions">
        {editing && (
          <View className="proc-row-actions">
            {resubmitting ? (
              <Button className="btn e2e-proc-cancel" disabled={!!busy} onClick={() => show(info)}>
                取消修改
              </Button>
            ) : (
              <Button
                className="btn e2e-proc-save"
                loading={busy === 'save'}
                disabled={!!busy}
                onClick={() => void save(false)}
              >
                保存
              </Button>
            )}
            <Button
              className="btn btn--primary e2e-proc-submit"
              loading={busy === 'submit'}
              disabled={!!busy}
              onClick={() => void save(true)}
            >
              {resubmitting ? '重新提交' : '保存并送审'}
            </Button>
          </View>
        )}
        {status === 'submitted' && !resubmitting && (
          <View className="proc-row-actions">
            <Button
              className="btn btn--danger e2e-proc-withdraw"
              loading={busy === 'withdraw'}
              disabled={!!busy}
              onClick={() => void withdraw()}
            >
              撤回
            </Button>
            <Button className="btn btn--primary e2e-proc-resubmit" onClick={() => setResubmitting(true)}>
              修改后重新提交
            </Button>
          </View>
        )}
        {status === 'approved' && (
          <Button
            className="btn btn--primary e2e-proc-correct"
            onClick={() => Taro.navigateTo({ url: CORRECTION_PAGE })}
          >
            信息纠错
          </Button>
        )}
        <Text
          className="link e2e-proc-history-link"
          onClick={() => Taro.navigateTo({ url: PROCEDURE_HISTORY_PAGE })}
        >
          查看核签明细
        </Text>
      </View>
    </View>
  )
}
