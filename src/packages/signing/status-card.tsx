import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Notice } from '../../components/form'
import { StatusTag } from '../../components/status-tag'
import { SIGNING_BLOCK_LABELS, type SigningState, type SigningStatus } from '../../contracts/signing'
import { SOURCE_INFO_PAGE } from '../../services/routes'

const TONE: Record<SigningState, 'info' | 'warn' | 'error' | 'ok'> = {
  eligible: 'info',
  invitation_waiting: 'warn',
  pending_confirm: 'warn',
  under_review: 'info',
  returned: 'error',
  effective: 'ok',
  termination_pending: 'warn',
  terminated: 'info',
  blocked: 'warn',
}

/** What the state means for the student, in one line. */
export function signingHint(s: SigningStatus): string {
  switch (s.state) {
    case 'eligible':
      return '你可以接受用人单位的签约邀请'
    case 'invitation_waiting':
      return `有 ${s.counts.pendingInvitations} 份签约邀请等待你答复`
    case 'pending_confirm':
      return '用人单位修改了协议条款，请确认'
    case 'under_review':
      return '协议已提交，等待学校审核'
    case 'returned':
      return '学校退回了协议，等待用人单位修改'
    case 'effective':
      return '协议已生效，已生成就业方案'
    case 'termination_pending':
      return '解约申请办理中，学校审核通过后协议解除'
    case 'terminated':
      return '协议已解约，可以重新签约'
    case 'blocked':
      return s.blockLabel ?? (s.blockReason ? SIGNING_BLOCK_LABELS[s.blockReason] : '暂不能签约')
  }
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
