import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { TerminationForm } from '../../../../components/termination-form'
import type { SigningStatus } from '../../../../contracts/signing'
import type { Termination } from '../../../../contracts/termination'
import { fetchMyDestinations } from '../../../../services/destinations'
import { fetchSigningStatus } from '../../../../services/signing'
import { askToSubscribe } from '../../../../services/subscriptions'
import {
  answerTermination,
  listMyTerminations,
  proposeTermination,
  withdrawTermination,
} from '../../../../services/terminations'
import { useSession } from '../../../../services/use-session'
import { useStepRunner } from '../../../../services/use-step-runner'
import { useSigningLoad } from '../../use-signing-load'
import '../../signing.css'

interface Subject {
  agreementId?: string
  destinationId?: string
  label: string
}

const isOpen = (t: Termination) => t.status === 'proposed' || t.status === 'agreed'

/**
 * 解约办理: of the agreement in effect (or an approved destination): 解约类型, 解约原因, 证明材料,
 * 我要解约; the open termination's status with 撤回 (the student's own, before the school decides);
 * the employer's proposal answered with 同意解约 / 不同意; past terminations below.
 */
export default function TerminationPage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const params = useRouter().params
  const [subject, setSubject] = useState<Subject | null>(null)
  const [items, setItems] = useState<Termination[] | null>(null)

  const { notBound, loadError, load } = useSigningLoad({
    subscriptions: true,
    isStudent,
    read: async () => {
      const [status, mine, dests] = await Promise.all([
        fetchSigningStatus({ toast: false }),
        listMyTerminations({ toast: false }),
        fetchMyDestinations({ toast: false }),
      ])
      setItems(mine.items)
      setSubject(subjectOf(status, dests.current, params.destinationId))
    },
  })
  useDidShow(() => void load())

  const { busy, error, fieldErrors, run } = useStepRunner(load)

  const withdraw = async (t: Termination) => {
    const ok = await Taro.showModal({ title: '撤回解约申请', content: '确定撤回这份解约申请？' })
    if (ok.confirm) void run(() => withdrawTermination(t.id), '已撤回')
  }
  const answer = async (t: Termination, agree: boolean) => {
    const ok = await Taro.showModal({
      title: agree ? '同意解约' : '不同意解约',
      content: agree ? '同意后将提交学校审核，审核通过后协议解除。' : '确定不同意用人单位的解约申请？',
    })
    if (ok.confirm) void run(() => answerTermination(t.id, agree), agree ? '已同意，等待学校审核' : '已答复')
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '解约由学生本人办理' })
  if (gate) return gate
  if (notBound) return <ErrorState message="请先绑定学籍" onRetry={() => void load()} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!items) return <Loading />

  const open = items.find(
    (t) =>
      isOpen(t) && (t.agreementId === subject?.agreementId || t.destinationId === subject?.destinationId),
  )
  const past = items.filter((t) => t !== open)
  return (
    <View className="page e2e-termination-page">
      {!subject && !open && (
        <Notice kind="info" lines={['没有可以解约的已生效协议或毕业去向']} className="e2e-termination-none" />
      )}
      {open && (
        <TerminationCard t={open}>
          {open.proposerRole === 'student' && (open.status === 'proposed' || !open.answeredAt) && (
            <Button
              className="btn e2e-termination-withdraw"
              loading={busy}
              onClick={() => void withdraw(open)}
            >
              撤回
            </Button>
          )}
          {open.proposerRole === 'employer' && open.status === 'proposed' && (
            <View className="sign-actions">
              <Button
                className="btn btn--primary e2e-termination-agree"
                loading={busy}
                onClick={() => void answer(open, true)}
              >
                同意解约
              </Button>
              <Button className="btn e2e-termination-decline" onClick={() => void answer(open, false)}>
                不同意
              </Button>
            </View>
          )}
        </TerminationCard>
      )}
      {subject && !open && (
        <TerminationForm
          prefix="termination"
          title={<Text className="sign-status__title">解约：{subject.label}</Text>}
          subject={{ agreementId: subject.agreementId, destinationId: subject.destinationId }}
          placeholder="如：已被研究生录取，与单位协商一致解除协议"
          submitLabel="我要解约"
          busy={busy}
          serverErrors={fieldErrors}
          onSubmit={(body) => {
            // inside the tap, before any await: WeChat asks only from a gesture
            void askToSubscribe('signing')
            return run(() => proposeTermination(body), '已提交解约申请')
          }}
        />
      )}
      {error && <Notice kind="error" lines={[error]} className="e2e-termination-error" />}
      {past.length > 0 && <Text className="sign-section-title">解约记录</Text>}
      {past.map((t) => (
        <TerminationCard key={t.id} t={t} />
      ))}
    </View>
  )
}

/** What the student may end: the agreement in effect, else the approved destination. */
function subjectOf(
  status: SigningStatus,
  dest: { id: string; status: string; categoryLabel: string } | null,
  destinationId: string | undefined,
): Subject | null {
  const a = status.agreement
  if (!destinationId && a && a.status === 'approved') {
    return { agreementId: a.id, label: `${a.employerName} · ${a.position}` }
  }
  if (dest && dest.status === 'approved' && (!destinationId || destinationId === dest.id)) {
    return { destinationId: dest.id, label: dest.categoryLabel }
  }
  return null
}

export function TerminationCard({ t, children }: { t: Termination; children?: React.ReactNode }) {
  return (
    <View className="card e2e-termination-item">
      <View className="sign-status__head">
        <Text className="sign-row__title">{t.subjectLabel}</Text>
        <StatusTag status={t.status} className={`sign-tag--${t.status} e2e-termination-status`}>
          {t.forced ? '已强制解约' : t.statusLabel}
        </StatusTag>
      </View>
      <KeyValue k="提出方" v={t.proposerRole === 'student' ? '学生' : '用人单位'} />
      <KeyValue k="解约类型" v={t.typeLabel} />
      <KeyValue k="解约原因" v={t.reason} />
      {t.answerNote && <KeyValue k="对方说明" v={t.answerNote} />}
      {t.returnReason && <KeyValue k="学校意见" v={t.returnReason} />}
      {children}
    </View>
  )
}
