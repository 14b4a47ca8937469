import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { issuesToFields, KeyValue, Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  ACCEPT_DETAIL_LABELS,
  type AcceptDetail,
  AcceptDetails,
  type Invitation,
  MissingDetail,
  SIGNING_BLOCK_LABELS,
  SigningBlock,
} from '../../../../contracts/signing'
import { asApiError } from '../../../../services/request'
import { SIGNING_AGREEMENT_PAGE } from '../../../../services/routes'
import {
  answerInvitation,
  fieldsUnder,
  formatChinaTime,
  listMyInvitations,
} from '../../../../services/signing'
import { askToSubscribe } from '../../../../services/subscriptions'
import { useSession } from '../../../../services/use-session'
import { TermsView } from '../../terms-view'
import { useSigningLoad } from '../../use-signing-load'
import '../../signing.css'

const CAMEL: Record<MissingDetail, AcceptDetail> = {
  archive_to: 'archiveTo',
  report_card_to: 'reportCardTo',
  hukou_to: 'hukouTo',
}
const PLACEHOLDERS: Record<AcceptDetail, string> = {
  archiveTo: '如：浙江省杭州市人才服务中心',
  reportCardTo: '如：浙江省杭州市人力资源和社会保障局',
  hukouTo: '如：浙江省杭州市西湖区',
}

/** What the student fills on accepting: the destinations the employer does not take care of. */
function neededDetails(i: Invitation): AcceptDetail[] {
  return [
    ...(i.takesArchive ? [] : (['archiveTo', 'reportCardTo'] as const)),
    ...(i.takesHukou ? [] : (['hukouTo'] as const)),
  ]
}

/** The reason of a refusal as the student reads it (not_eligible with its label). */
function refusalText(e: ReturnType<typeof asApiError>): string {
  const outcome = e.details?.outcome ?? e.code
  if (outcome === 'not_eligible') {
    const reason = SigningBlock.safeParse(e.details?.reason)
    const label = typeof e.details?.label === 'string' ? e.details.label : null
    return `暂不能接受：${label ?? (reason.success ? SIGNING_BLOCK_LABELS[reason.data] : e.message)}`
  }
  if (outcome === 'expired') return '这份邀请已过答复截止时间'
  return e.message
}

/** 签约邀请: the terms, 接受 (with the destinations the employer does not take) or 拒绝. */
export default function InvitationPage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const id = useRouter().params.id ?? ''
  const [inv, setInv] = useState<Invitation | null>(null)
  const [missing, setMissing] = useState(false)
  const [accepting, setAccepting] = useState(false)
  const [details, setDetails] = useState<Record<AcceptDetail, string>>({
    archiveTo: '',
    reportCardTo: '',
    hukouTo: '',
  })
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null)

  const { notBound, loadError, load } = useSigningLoad({
    subscriptions: true,
    isStudent,
    read: async () => {
      const list = await listMyInvitations({ toast: false })
      const found = list.items.find((i) => i.id === id) ?? null
      setInv(found)
      setMissing(!found)
    },
  })
  useDidShow(() => void load())

  const fail = (e: unknown) => {
    const err = asApiError(e, '操作失败，请稍后再试')
    const f = fieldsUnder(err.fields, 'details')
    const named = Array.isArray(err.details?.missing) ? (err.details.missing as unknown[]) : []
    for (const m of named) {
      const snake = MissingDetail.safeParse(m)
      const k = snake.success ? CAMEL[snake.data] : (m as AcceptDetail)
      if (k in ACCEPT_DETAIL_LABELS && !f[k]) f[k] = `请填写${ACCEPT_DETAIL_LABELS[k]}`
    }
    setFields(f)
    setError(refusalText(err))
    const outcome = err.details?.outcome ?? err.code
    if (outcome === 'expired' || outcome === 'not_pending') void load()
  }

  const accept = async () => {
    if (!inv || busy) return
    setError(null)
    const needed = neededDetails(inv)
    const input = AcceptDetails.safeParse(Object.fromEntries(needed.map((k) => [k, details[k]])))
    const blank = needed.filter((k) => !details[k].trim())
    if (!input.success || blank.length > 0) {
      const f = input.success ? {} : issuesToFields(input.error.issues)
      for (const k of blank) f[k] = `请填写${ACCEPT_DETAIL_LABELS[k]}`
      setFields(f)
      return
    }
    setFields({})
    // inside the tap, before any await: WeChat asks only from a gesture
    void askToSubscribe('signing')
    setBusy('accept')
    try {
      const r = await answerInvitation(inv.id, true, needed.length ? input.data : undefined)
      void Taro.showToast({ title: '已接受，协议已送审', icon: 'success' })
      const agreementId = r.agreement?.id ?? r.invitation.agreementId
      if (agreementId) void Taro.redirectTo({ url: `${SIGNING_AGREEMENT_PAGE}?id=${agreementId}` })
      else void load()
    } catch (e) {
      fail(e)
    } finally {
      setBusy(null)
    }
  }

  const decline = async () => {
    if (!inv || busy) return
    const ok = await Taro.showModal({
      title: '拒绝签约邀请',
      content: `确定拒绝「${inv.companyName}」的签约邀请？拒绝后不能撤销。`,
    })
    if (!ok.confirm) return
    setError(null)
    setBusy('decline')
    try {
      await answerInvitation(inv.id, false)
      void Taro.showToast({ title: '已拒绝', icon: 'success' })
      void load()
    } catch (e) {
      fail(e)
    } finally {
      setBusy(null)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '签约邀请面向学生' })
  if (gate) return gate
  if (notBound) return <ErrorState message="请先绑定学籍" onRetry={() => void load()} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (missing) return <ErrorState message="找不到这份签约邀请" onRetry={() => Taro.navigateBack()} />
  if (!inv) return <Loading />

  const pending = inv.status === 'pending'
  const needed = neededDetails(inv)
  return (
    <View className="page e2e-sign-invitation-page">
      <View className="card">
        <View className="sign-status__head">
          <Text className="sign-status__title">{inv.companyName}</Text>
          <StatusTag status={inv.status} className={`sign-tag--${inv.status} e2e-sign-invitation-status`}>
            {inv.statusLabel}
          </StatusTag>
        </View>
        <TermsView terms={inv} />
        <KeyValue k="答复截止" v={formatChinaTime(inv.replyBy)} />
        {inv.note && <Text className="sign-note">单位备注：{inv.note}</Text>}
        {!pending && (
          <Text className="sign-note">
            {inv.status === 'accepted' ? '你已接受这份邀请，协议已生成。' : '这份邀请已结束，仅供查看。'}
          </Text>
        )}
      </View>

      {pending && accepting && needed.length > 0 && (
        <View className="card e2e-sign-accept-form">
          <Text className="sign-status__title">单位不接收的，请填写去向</Text>
          {needed.map((k) => (
            <TextField
              key={k}
              label={ACCEPT_DETAIL_LABELS[k]}
              name={`sign-detail-${k}`}
              value={details[k]}
              onInput={(v) => setDetails((d) => ({ ...d, [k]: v }))}
              error={fields[k]}
              placeholder={PLACEHOLDERS[k]}
              maxlength={200}
              inputClassName={`e2e-sign-detail-${k}`}
            />
          ))}
        </View>
      )}

      {error && <Notice kind="error" lines={[error]} className="e2e-sign-error" />}

      {pending && (
        <View className="sign-actions">
          <Button
            className="btn btn--danger e2e-sign-decline"
            loading={busy === 'decline'}
            disabled={!!busy}
            onClick={() => void decline()}
          >
            拒绝
          </Button>
          <Button
            className="btn btn--primary e2e-sign-accept"
            loading={busy === 'accept'}
            disabled={!!busy}
            onClick={() => {
              if (needed.length > 0 && !accepting) setAccepting(true)
              else void accept()
            }}
          >
            {needed.length > 0 && !accepting ? '接受' : '确认接受'}
          </Button>
        </View>
      )}
    </View>
  )
}
