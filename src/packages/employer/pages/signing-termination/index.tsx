import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { TerminationForm } from '../../../../components/termination-form'
import type { Agreement } from '../../../../contracts/signing'
import type { Termination } from '../../../../contracts/termination'
import { asApiError } from '../../../../services/request'
import { EMPLOYER_SIGNING_TERMINATION_PAGE } from '../../../../services/routes'
import { listCompanyAgreements } from '../../../../services/signing'
import {
  answerTermination,
  listTerminations,
  proposeTermination,
  withdrawTermination,
} from '../../../../services/terminations'
import { useSession } from '../../../../services/use-session'
import { useStepRunner } from '../../../../services/use-step-runner'
import '../../hiring.css'

const isOpen = (t: Termination) => t.status === 'proposed' || t.status === 'agreed'

/**
 * 解约 (the employer's side) of an online agreement in effect: `?agreementId=` proposes one
 * (解约类型, 原因, 证明材料) or answers the student's (同意解约 / 不同意), withdraws its own; without
 * it (or with `?id=` from a notification), the company's terminations.
 */
export default function EmployerTerminationPage() {
  const session = useSession()
  const params = useRouter().params
  const [data, setData] = useState<{ agreements: Agreement[]; items: Termination[] } | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)

  const load = async () => {
    if (session?.user.role !== 'employer') return
    setLoadError(null)
    try {
      const [agreements, terminations] = await Promise.all([
        listCompanyAgreements({ toast: false }),
        listTerminations({ toast: false }),
      ])
      setData({ agreements: agreements.items, items: terminations.items })
    } catch (e) {
      setLoadError(asApiError(e, '加载失败，请稍后再试').message)
    }
  }
  useDidShow(() => void load())

  const { busy, error, fieldErrors, run } = useStepRunner(load)

  const gate = roleGate(session, ['employer'], {
    title: '仅企业账号可用',
    hint: '解约由单位在签约管理中办理',
  })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!data) return <Loading />

  const fromId = params.id ? data.items.find((t) => t.id === params.id)?.agreementId : undefined
  const agreementId = params.agreementId ?? fromId ?? null
  const agreement = data.agreements.find((a) => a.id === agreementId) ?? null
  const mine = data.items.filter((t) => !agreementId || t.agreementId === agreementId)
  const open = mine.find(isOpen)

  const answer = async (t: Termination, agree: boolean) => {
    const ok = await Taro.showModal({
      title: agree ? '同意解约' : '不同意解约',
      content: agree ? '同意后将提交学校审核，审核通过后协议解除。' : '确定不同意学生的解约申请？',
    })
    if (ok.confirm) void run(() => answerTermination(t.id, agree), agree ? '已同意，等待学校审核' : '已答复')
  }
  const withdraw = async (t: Termination) => {
    const ok = await Taro.showModal({ title: '撤回解约申请', content: '确定撤回？' })
    if (ok.confirm) void run(() => withdrawTermination(t.id), '已撤回')
  }

  return (
    <View className="page e2e-eterm-page">
      {agreement && (
        <View className="card">
          <Text className="hiring-item__title">
            {agreement.position} · {agreement.number}
          </Text>
          <StatusTag status={agreement.status} className="e2e-eterm-agreement-status">
            {agreement.statusLabel}
          </StatusTag>
        </View>
      )}
      {mine.map((t) => (
        <View key={t.id} className="card e2e-eterm-item">
          <View className="hiring-item__head">
            <Text className="hiring-item__title">
              {t.studentName ?? '学生'} · {t.subjectLabel}
            </Text>
            <StatusTag status={t.status} className="e2e-eterm-status">
              {t.forced ? '已强制解约' : t.statusLabel}
            </StatusTag>
          </View>
          <KeyValue k="提出方" v={t.proposerRole === 'student' ? '学生' : '本单位'} />
          <KeyValue k="解约类型" v={t.typeLabel} />
          <KeyValue k="解约原因" v={t.reason} />
          {t === open && t.status === 'proposed' && t.proposerRole === 'student' && (
            <View className="hiring-buttons">
              <Button
                className="btn btn--primary e2e-eterm-agree"
                loading={busy}
                onClick={() => void answer(t, true)}
              >
                同意解约
              </Button>
              <Button className="btn e2e-eterm-decline" onClick={() => void answer(t, false)}>
                不同意
              </Button>
            </View>
          )}
          {t === open && t.status === 'proposed' && t.proposerRole === 'employer' && (
            <Button className="btn e2e-eterm-withdraw" onClick={() => void withdraw(t)}>
              撤回
            </Button>
          )}
          {!agreementId && t.agreementId && (
            <Text
              className="hiring-item__meta"
              onClick={() =>
                Taro.navigateTo({ url: `${EMPLOYER_SIGNING_TERMINATION_PAGE}?agreementId=${t.agreementId}` })
              }
            >
              查看协议 ›
            </Text>
          )}
        </View>
      ))}
      {mine.length === 0 && !agreement && <Notice kind="info" lines={['暂无解约申请']} />}
      {agreement?.status === 'approved' && !open && (
        <TerminationForm
          prefix="eterm"
          title={<Text className="hiring-item__title">申请解约</Text>}
          subject={{ agreementId: agreement.id }}
          placeholder="如：岗位调整，与学生协商一致解除协议"
          submitLabel="申请解约"
          busy={busy}
          serverErrors={fieldErrors}
          onSubmit={(body) => run(() => proposeTermination(body), '已提交，等待学生答复')}
        />
      )}
      {error && <Notice kind="error" lines={[error]} className="e2e-eterm-error" />}
    </View>
  )
}
