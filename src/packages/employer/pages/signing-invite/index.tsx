import { Button, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { FormField, issuesToFields, Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState } from '../../../../components/state-views'
import { chinaToday } from '../../../../contracts/jobs'
import { InvitationTerms } from '../../../../contracts/signing'
import { asApiError } from '../../../../services/request'
import { EMPLOYER_SIGNING_PAGE } from '../../../../services/routes'
import { chinaEndOfDay, fieldsUnder, sendInvitation } from '../../../../services/signing'
import { useSession } from '../../../../services/use-session'
import { type TermsDraft, TermsFields } from '../../signing-fields'
import '../../hiring.css'

const DAY_MS = 86_400_000
/** a China date `days` from today */
function chinaDateIn(days: number): string {
  return chinaToday(new Date(Date.now() + days * DAY_MS))
}

/**
 * 发起签约 to an applicant (opened from their application with `?studentId=…&name=…`): the terms,
 * the reply deadline and whether the company takes the archive and the hukou, to where. The
 * contract checks the form first; the API refuses an unverified company, a second pending
 * invitation, or a deadline outside 1 hour to 90 days.
 */
export default function SigningInvitePage() {
  const session = useSession()
  const params = useRouter().params
  const studentId = params.studentId ?? ''
  const name = params.name ? decodeURIComponent(params.name) : ''
  const [terms, setTerms] = useState<TermsDraft>({
    position: '',
    contractYears: '3',
    salaryMonthly: '',
    workPlace: '',
  })
  const [replyDate, setReplyDate] = useState(() => chinaDateIn(7))
  const [takesArchive, setTakesArchive] = useState(false)
  const [archiveTo, setArchiveTo] = useState('')
  const [takesHukou, setTakesHukou] = useState(false)
  const [hukouTo, setHukouTo] = useState('')
  const [note, setNote] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const send = async () => {
    if (busy) return
    setError(null)
    const input = InvitationTerms.safeParse({
      ...terms,
      replyBy: chinaEndOfDay(replyDate),
      takesArchive,
      archiveTo: takesArchive && archiveTo.trim() ? archiveTo : undefined,
      takesHukou,
      hukouTo: takesHukou && hukouTo.trim() ? hukouTo : undefined,
      note: note.trim() ? note : undefined,
    })
    if (!input.success) {
      setFields(issuesToFields(input.error.issues))
      return
    }
    setFields({})
    setBusy(true)
    try {
      await sendInvitation(studentId, input.data)
      void Taro.showToast({ title: '已发送签约邀请', icon: 'success' })
      void Taro.redirectTo({ url: EMPLOYER_SIGNING_PAGE })
    } catch (e) {
      const err = asApiError(e, '发送失败，请稍后再试')
      if (err.fields) setFields(fieldsUnder(err.fields, 'terms'))
      setError(err.message)
    } finally {
      setBusy(false)
    }
  }

  const gate = roleGate(session, ['employer'], { title: '仅用人单位账号可用', hint: '发起签约面向用人单位' })
  if (gate) return gate
  if (!studentId)
    return <ErrorState message="缺少学生编号，请从收到的简历发起签约" onRetry={() => Taro.navigateBack()} />

  return (
    <View className="page e2e-esign-form">
      <View className="card">
        <Text className="hiring-section-title">向{name ? `「${name}」` : '学生'}发起签约</Text>
        <TermsFields draft={terms} onChange={setTerms} fields={fields} hook="e2e-esign-field" />
        <FormField label="答复截止日期" name="sign-replyBy" error={fields.replyBy}>
          <Picker
            mode="date"
            value={replyDate}
            start={chinaDateIn(1)}
            end={chinaDateIn(89)}
            onChange={(e) => setReplyDate(String(e.detail.value))}
          >
            <Text className="hiring-picker e2e-esign-field-replyBy">{replyDate} 24:00 前 ›</Text>
          </Picker>
        </FormField>
        <FormField label="单位接收档案" name="sign-takesArchive">
          <Switch
            className="e2e-esign-field-takesArchive"
            checked={takesArchive}
            onChange={(e) => setTakesArchive(e.detail.value)}
          />
        </FormField>
        {takesArchive && (
          <TextField
            label="档案接收地址"
            name="sign-archiveTo"
            value={archiveTo}
            onInput={setArchiveTo}
            error={fields.archiveTo}
            placeholder="如：杭州市人才服务中心（单位托管）"
            maxlength={200}
            inputClassName="e2e-esign-field-archiveTo"
          />
        )}
        <FormField label="单位接收户口" name="sign-takesHukou">
          <Switch
            className="e2e-esign-field-takesHukou"
            checked={takesHukou}
            onChange={(e) => setTakesHukou(e.detail.value)}
          />
        </FormField>
        {takesHukou && (
          <TextField
            label="户口迁移地址"
            name="sign-hukouTo"
            value={hukouTo}
            onInput={setHukouTo}
            error={fields.hukouTo}
            placeholder="如：杭州市西湖区集体户"
            maxlength={200}
            inputClassName="e2e-esign-field-hukouTo"
          />
        )}
        <FormField label="备注" name="sign-note" optional error={fields.note}>
          <Textarea
            className="hiring-textarea e2e-esign-field-note"
            value={note}
            maxlength={500}
            placeholder="报到时间、需准备的材料等"
            onInput={(e) => setNote(e.detail.value)}
          />
        </FormField>
        <Text className="hiring-item__meta">单位不接收的档案、户口，由学生接受邀请时填写去向。</Text>
      </View>
      {error && <Notice kind="error" lines={[error]} className="e2e-esign-error" />}
      <View className="hiring-buttons">
        <Button className="btn" onClick={() => Taro.navigateBack()}>
          取消
        </Button>
        <Button
          className="btn btn--primary e2e-esign-send"
          loading={busy}
          disabled={busy}
          onClick={() => void send()}
        >
          发送签约邀请
        </Button>
      </View>
    </View>
  )
}
