import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Notice } from '../../components/form'
import { StatusTag } from '../../components/status-tag'
import { type SigningState, type SigningStatus, signingHint } from '../../contracts/signing'
import { SOURCE_INFO_PAGE } from '../../services/routes'

const TONE: Record<SigningState, 'info' | 'warn' | 'error' | 'ok'> = {
  eligible: 'info',
  invitation_waiting: 'warn',
  pending_confirm: 'warn',
  offline_generated: 'warn',
  under_review: 'info',
  returned: 'error',
  effective: 'ok',
  termination_pending: 'warn',
  terminated: 'info',
  blocked: 'warn',
}

/** 签约中心's head: where the student stands, and the way to 生源信息核对 when that blocks them. */
export function StatusCard({ status }: { status: SigningStatus }) {
  const gated = status.blockReason === 'source_info_not_approved'
  return (
    <Notice kind={TONE[status.state]} lines={[]} className={`e2e-sign-status e2e-sign-state-${status.state}`}>
      <View className="sign-status__head">
        <Text className="sign-status__title">签约状态</Text>
        <StatusTag status={status.state} className={`sign-tag--${status.state} e2e-sign-status-label`}>
          {status.stateLabel}
        </StatusTag>
      </View>
      <Text className="notice__line e2e-sign-status-hint">{signingHint(status)}</Text>
      {status.agreement?.status === 'returned' && status.agreement.returnReason && (
        <Text className="notice__line">退回原因：{status.agreement.returnReason}</Text>
      )}
      {gated && (
        <Button
          className="btn btn--primary sign-status__action e2e-sign-source-info"
          onClick={() => Taro.navigateTo({ url: SOURCE_INFO_PAGE })}
        >
          去核对生源信息
        </Button>
      )}
    </Notice>
  )
}
