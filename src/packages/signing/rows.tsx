import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { StatusTag } from '../../components/status-tag'
import type { Agreement, Invitation } from '../../contracts/signing'
import { SIGNING_AGREEMENT_PAGE, SIGNING_INVITATION_PAGE, SIGNING_OFFLINE_PAGE } from '../../services/routes'
import { formatChinaTime, formatSalary } from '../../services/signing'

/** One invitation in 签约中心's list: the company, the position and salary, the deadline or status. */
export function InvitationRow({ invitation: i }: { invitation: Invitation }) {
  const open = i.status === 'pending'
  return (
    <View
      className={`card sign-row e2e-sign-invitation e2e-sign-invitation-${i.status} ${open ? '' : 'sign-row--closed'}`}
      onClick={() => Taro.navigateTo({ url: `${SIGNING_INVITATION_PAGE}?id=${i.id}` })}
    >
      <View className="sign-row__main">
        <Text className="sign-row__title">{i.companyName}</Text>
        <Text className="sign-row__meta">
          {i.position} · {formatSalary(i.salaryMonthly)}
        </Text>
        {open && <Text className="sign-row__meta">请于 {formatChinaTime(i.replyBy)} 前答复</Text>}
      </View>
      <View className="sign-row__side">
        <StatusTag status={i.status} className={`sign-tag--${i.status} e2e-sign-invitation-status`}>
          {i.statusLabel}
        </StatusTag>
        <Text className="sign-row__arrow">›</Text>
      </View>
    </View>
  )
}

/** The agreement in 签约中心: its number, the employer and its status. */
export function AgreementRow({ agreement: a }: { agreement: Agreement }) {
  return (
    <View
      className="card sign-row e2e-sign-agreement"
      onClick={() =>
        Taro.navigateTo({
          url: `${a.kind === 'offline' ? SIGNING_OFFLINE_PAGE : SIGNING_AGREEMENT_PAGE}?id=${a.id}`,
        })
      }
    >
      <View className="sign-row__main">
        <Text className="sign-row__title">{a.employerName}</Text>
        <Text className="sign-row__meta">
          {a.position} · 协议编号 {a.number}
        </Text>
      </View>
      <View className="sign-row__side">
        <StatusTag status={a.status} className={`sign-tag--${a.status} e2e-sign-agreement-status`}>
          {a.statusLabel}
        </StatusTag>
        <Text className="sign-row__arrow">›</Text>
      </View>
    </View>
  )
}
