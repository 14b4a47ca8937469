import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { AgreementPdfButton } from '../../../../components/agreement-pdf-button'
import { KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { AGREEMENT_KIND_LABELS, type Agreement, type AgreementStatus } from '../../../../contracts/signing'
import { asApiError } from '../../../../services/request'
import { SIGNING_TERMINATION_PAGE } from '../../../../services/routes'
import { confirmAgreement, formatChinaTime, listMyAgreements } from '../../../../services/signing'
import { useSession } from '../../../../services/use-session'
import { TermsView } from '../../terms-view'
import { useSigningLoad } from '../../use-signing-load'
import '../../signing.css'

const HINTS: Partial<Record<AgreementStatus, string>> = {
  pending_confirm: '用人单位修改了协议条款，请核对以下条款，确认后协议重新送学校审核。',
  pending_review: '协议已提交，等待学校就业部门审核。',
  returned: '学校退回了协议，等待用人单位修改条款后你再确认。',
  approved: '协议已生效，学校已生成你的就业方案。',
  terminated: '协议已解约。',
}
const TONES: Partial<Record<AgreementStatus, 'info' | 'warn' | 'error' | 'ok'>> = {
  pending_confirm: 'warn',
  pending_review: 'info',
  returned: 'error',
  approved: 'ok',
}

/** 三方协议: the number, the parties, the terms, the status (with the school's reason); 确认 when amended. */
export default function AgreementPage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const id = useRouter().params.id ?? ''
  const [agreement, setAgreement] = useState<Agreement | null>(null)
  const [missing, setMissing] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const { notBound, loadError, load } = useSigningLoad({
    isStudent,
    read: async () => {
      const list = await listMyAgreements({ toast: false })
      const found = (id ? list.items.find((a) => a.id === id) : list.items[0]) ?? null
      setAgreement(found)
      setMissing(!found)
    },
  })
  useDidShow(() => void load())

  const confirm = async () => {
    if (!agreement || busy) return
    const ok = await Taro.showModal({
      title: '确认协议条款',
      content: '确认后协议将送学校审核，确定条款无误？',
    })
    if (!ok.confirm) return
    setError(null)
    setBusy(true)
    try {
      setAgreement(await confirmAgreement(agreement.id))
      void Taro.showToast({ title: '已确认，协议已送审', icon: 'success' })
    } catch (e) {
      setError(asApiError(e, '确认失败，请稍后再试').message)
      void load()
    } finally {
      setBusy(false)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '三方协议面向学生' })
  if (gate) return gate
  if (notBound) return <ErrorState message="请先绑定学籍" onRetry={() => void load()} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (missing) return <ErrorState message="找不到这份协议" onRetry={() => Taro.navigateBack()} />
  if (!agreement) return <Loading />

  const a = agreement
  const hint = HINTS[a.status]
  return (
    <View className="page e2e-sign-agreement-page">
      <Notice kind={TONES[a.status] ?? 'info'} lines={[]} className="e2e-sign-agreement-banner">
        <View className="sign-status__head">
          <Text className="sign-status__title">三方协议</Text>
          <StatusTag status={a.status} className={`sign-tag--${a.status} e2e-sign-agreement-status`}>
            {a.statusLabel}
          </StatusTag>
        </View>
        {hint && <Text className="notice__line">{hint}</Text>}
        {a.status === 'pending_confirm' &&
          a.amendment?.map((c) => (
            <Text key={c.field} className="notice__line e2e-sign-amendment">
              {c.label}：{c.old ?? '—'} → {c.new ?? '—'}
            </Text>
          ))}
        {a.status === 'returned' && a.returnReason && (
          <Text className="notice__line e2e-sign-return-reason">退回原因：{a.returnReason}</Text>
        )}
      </Notice>

      <View className="card">
        <KeyValue
          k="协议编号"
          v={<Text className="sign-number e2e-sign-agreement-number">{a.number}</Text>}
        />
        <KeyValue k="签约方式" v={AGREEMENT_KIND_LABELS[a.kind]} />
        <KeyValue k="学生" v={a.studentName ?? session?.user.displayName ?? '—'} />
        <KeyValue k="用人单位" v={a.employerName} />
        <KeyValue k="学校" v="学校就业部门（审核后盖章生效）" />
      </View>

      <View className="card">
        <TermsView terms={a} agreement />
        {a.submittedAt && <KeyValue k="送审时间" v={formatChinaTime(a.submittedAt)} />}
        {a.decidedAt && <KeyValue k="审核时间" v={formatChinaTime(a.decidedAt)} />}
      </View>

      {error && <Notice kind="error" lines={[error]} className="e2e-sign-error" />}

      <View className="sign-actions">
        <AgreementPdfButton agreement={a} prefix="e2e-sign-agreement" />
        {(a.status === 'approved' || a.status === 'terminated') && (
          <Button
            className="btn e2e-sign-termination"
            onClick={() => Taro.navigateTo({ url: SIGNING_TERMINATION_PAGE })}
          >
            {a.status === 'approved' ? '解约' : '解约记录'}
          </Button>
        )}
      </View>

      {a.status === 'pending_confirm' && (
        <View className="sign-actions">
          <Button
            className="btn btn--primary e2e-sign-confirm"
            loading={busy}
            disabled={busy}
            onClick={() => void confirm()}
          >
            确认条款
          </Button>
        </View>
      )}
    </View>
  )
}
