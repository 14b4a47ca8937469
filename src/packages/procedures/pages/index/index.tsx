import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  type Correction,
  type ProcedureGate,
  RECOMMENDATION_STATUS_LABELS,
  type Recommendation,
  SOURCE_INFO_STATUS_LABELS,
  type SourceInfo,
} from '../../../../contracts/procedures'
import {
  fetchGate,
  fetchRecommendation,
  fetchSourceInfo,
  listCorrections,
} from '../../../../services/procedures'
import {
  CORRECTION_PAGE,
  PROCEDURE_HISTORY_PAGE,
  RECOMMENDATION_PAGE,
  SOURCE_INFO_PAGE,
} from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { SigningHomeCard } from '../../../signing/home-card'
import { NotBound } from '../../not-bound'
import { useProcedureLoad } from '../../use-procedure-load'
import '../../procedures.css'

interface Overview {
  gate: ProcedureGate
  sourceInfo: SourceInfo
  corrections: Correction[]
  recommendation: Recommendation
}

function Card(props: {
  hook: string
  title: string
  hint: string
  status?: string
  statusLabel?: string
  statusHook?: string
  url: string
}) {
  return (
    <View className={`card proc-card ${props.hook}`} onClick={() => Taro.navigateTo({ url: props.url })}>
      <View className="proc-card__main">
        <Text className="proc-card__title">{props.title}</Text>
        <Text className="proc-card__hint">{props.hint}</Text>
      </View>
      <View className="proc-card__side">
        {props.statusLabel && (
          <StatusTag status={props.status} className={`proc-tag--${props.status} ${props.statusHook ?? ''}`}>
            {props.statusLabel}
          </StatusTag>
        )}
        <Text className="proc-card__arrow">›</Text>
      </View>
    </View>
  )
}

/** What the closed gate asks the student to do next, by the source info's state. */
const GATE_NEXT: Record<SourceInfo['status'], { state: string; action: string }> = {
  unconfirmed: { state: '生源信息尚未确认', action: '去核对生源信息' },
  submitted: { state: '生源信息审核中，请耐心等待', action: '查看生源信息' },
  returned: { state: '生源信息被退回，请修改后重新送审', action: '去修改生源信息' },
  approved: { state: '生源信息已审核通过', action: '查看生源信息' },
}

/** 就业手续: the identity-authentication gate and one card per procedure with its state. */
export default function ProceduresPage() {
  const session = useSession()
  const [data, setData] = useState<Overview | null>(null)
  const isStudent = session?.user.role === 'student'

  const { notBound, loadError, load } = useProcedureLoad({
    isStudent,
    subscriptions: false,
    read: async () => {
      const [gate, sourceInfo, corrections, recommendation] = await Promise.all([
        fetchGate({ toast: false }),
        fetchSourceInfo({ toast: false }),
        listCorrections({ toast: false }),
        fetchRecommendation({ toast: false }),
      ])
      setData({ gate, sourceInfo, corrections: corrections.items, recommendation })
    },
  })
  useDidShow(() => void load())

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '就业手续面向学生' })
  if (gate) return gate
  if (notBound) return <NotBound hint="就业手续依据学校生源库办理，绑定学籍后即可开始。" />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!data) return <Loading />

  const { sourceInfo: info, recommendation: rec } = data
  const pending = data.corrections.filter((c) => c.status === 'pending').length
  const next = GATE_NEXT[info.status]
  return (
    <View className="page e2e-proc-home">
      <Notice
        kind={data.gate.open ? 'ok' : 'warn'}
        title={data.gate.open ? '身份认证已通过' : '身份认证未完成'}
        className={`e2e-proc-gate ${data.gate.open ? 'e2e-proc-gate-open' : 'e2e-proc-gate-closed'}`}
        lines={[
          '生源信息审核通过后才能签约和办理其他就业手续',
          data.gate.open ? '你已可以签约和办理其他就业手续。' : `当前：${data.gate.reason ?? next.state}`,
        ]}
      >
        {!data.gate.open && (
          <Button
            className="btn btn--primary proc-gate__action e2e-proc-gate-action"
            onClick={() => Taro.navigateTo({ url: SOURCE_INFO_PAGE })}
          >
            {next.action}
          </Button>
        )}
      </Notice>

      <Card
        hook="e2e-proc-card-source-info"
        title="生源信息核对"
        hint="核对学校上报的信息，补全本人信息并送审"
        status={info.status}
        statusLabel={SOURCE_INFO_STATUS_LABELS[info.status]}
        statusHook="e2e-proc-home-source-status"
        url={SOURCE_INFO_PAGE}
      />
      <Card
        hook="e2e-proc-card-correction"
        title="信息纠错"
        hint={info.status === 'approved' ? '生源信息有误时申请更正' : '生源信息审核通过后可申请'}
        status={pending > 0 ? 'pending' : undefined}
        statusLabel={pending > 0 ? `${pending} 项待审核` : undefined}
        statusHook="e2e-proc-home-corr-pending"
        url={CORRECTION_PAGE}
      />
      <Card
        hook="e2e-proc-card-recommendation"
        title="就业推荐表"
        hint="填写推荐表，审核通过后下载 PDF"
        status={rec.status}
        statusLabel={RECOMMENDATION_STATUS_LABELS[rec.status]}
        statusHook="e2e-proc-home-rec-status"
        url={RECOMMENDATION_PAGE}
      />
      <SigningHomeCard />
      <Card
        hook="e2e-proc-card-history"
        title="核签明细 / 变更明细"
        hint="每次送审、审核和信息变更的时间与原因"
        url={PROCEDURE_HISTORY_PAGE}
      />
    </View>
  )
}
