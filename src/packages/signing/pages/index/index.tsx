import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import type { Agreement, Invitation, SigningStatus } from '../../../../contracts/signing'
import {
  BIND_PAGE,
  SIGNING_BLANK_PAGE,
  SIGNING_DESTINATION_PAGE,
  SIGNING_OFFLINE_PAGE,
} from '../../../../services/routes'
import { fetchSigningStatus, listMyAgreements, listMyInvitations } from '../../../../services/signing'
import { useSession } from '../../../../services/use-session'
import { AgreementRow, InvitationRow } from '../../rows'
import { StatusCard } from '../../status-card'
import { useSigningLoad } from '../../use-signing-load'
import '../../signing.css'

interface Centre {
  status: SigningStatus
  invitations: Invitation[]
  agreements: Agreement[]
}

/** pending first (soonest deadline first), then the rest newest first */
function ordered(list: Invitation[]): Invitation[] {
  const pending = list
    .filter((i) => i.status === 'pending')
    .sort((a, b) => a.replyBy.localeCompare(b.replyBy))
  return [...pending, ...list.filter((i) => i.status !== 'pending')]
}

/** 签约中心: where the student stands, the invitations (pending first) and the agreements. */
export default function SigningPage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const [data, setData] = useState<Centre | null>(null)

  const { notBound, loadError, load } = useSigningLoad({
    isStudent,
    read: async () => {
      const [status, invitations, agreements] = await Promise.all([
        fetchSigningStatus({ toast: false }),
        listMyInvitations({ toast: false }),
        listMyAgreements({ toast: false }),
      ])
      setData({ status, invitations: invitations.items, agreements: agreements.items })
    },
  })
  useDidShow(() => void load())

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '签约中心面向学生' })
  if (gate) return gate
  if (notBound)
    return (
      <View className="page">
        <EmptyState
          title="请先绑定学籍"
          hint="签约依据学校生源库办理，绑定学籍后即可开始。"
          actionText="去绑定学籍"
          onAction={() => Taro.navigateTo({ url: BIND_PAGE })}
        />
      </View>
    )
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!data) return <Loading />

  const invitations = ordered(data.invitations)
  return (
    <View className="page e2e-sign-home">
      <StatusCard status={data.status} />

      {/* 其他去向登记: employed without an agreement, further study, abroad, not employed yet */}
      <View
        className="card sign-row e2e-sign-destination-entry"
        onClick={() => Taro.navigateTo({ url: SIGNING_DESTINATION_PAGE })}
      >
        <View className="sign-row__main">
          <Text className="sign-row__title">其他去向登记</Text>
          <Text className="sign-row__meta">未签三方协议的就业、升学、出国出境、暂不就业在这里登记</Text>
        </View>
        <Text className="link">去登记</Text>
      </View>

      {/* 线下签约 / 空白协议: the employer does not invite; only while the student may sign */}
      {data.status.blockReason === null && (
        <View className="sign-actions e2e-sign-offline-entries">
          <Button
            className="btn btn--secondary e2e-sign-offline-entry"
            onClick={() => Taro.navigateTo({ url: SIGNING_OFFLINE_PAGE })}
          >
            录入线下协议
          </Button>
          <Button
            className="btn btn--secondary e2e-sign-blank-entry"
            onClick={() => Taro.navigateTo({ url: SIGNING_BLANK_PAGE })}
          >
            上传空白协议
          </Button>
        </View>
      )}

      <Text className="sign-section-title">三方协议</Text>
      {data.agreements.length === 0 ? (
        <Text className="sign-note">接受签约邀请后，协议会在这里生成并送学校审核。</Text>
      ) : (
        data.agreements.map((a) => <AgreementRow key={a.id} agreement={a} />)
      )}

      <Text className="sign-section-title">签约邀请</Text>
      {invitations.length === 0 ? (
        <Text className="sign-note e2e-sign-no-invitations">
          暂无签约邀请。用人单位可向投递过其职位的同学发起签约。
        </Text>
      ) : (
        invitations.map((i) => <InvitationRow key={i.id} invitation={i} />)
      )}
    </View>
  )
}
