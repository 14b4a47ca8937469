import { Text, View } from '@tarojs/components'
import { Notice } from '../../components/form'
import { StatusTag } from '../../components/status-tag'
import { formatRelative } from '../../services/format'

export type Tone = 'info' | 'warn' | 'error' | 'ok'

/**
 * The state of a reviewed item at the top of its page: the status word as a tag (its `hook` is the
 * e2e class), what it means for the student, and the school's reason when it was returned.
 */
export function StatusBanner(props: {
  title: string
  status: string
  statusLabel: string
  tone: Tone
  hint: string
  at?: string | null
  returnReason?: string | null
  hook: string
  /** the e2e class of the return reason */
  reasonHook: string
}) {
  return (
    <Notice kind={props.tone} className="proc-banner" lines={[]}>
      <View className="proc-banner__head">
        <Text className="proc-banner__title">{props.title}</Text>
        <StatusTag status={props.status} className={`proc-tag--${props.status} ${props.hook}`}>
          {props.statusLabel}
        </StatusTag>
      </View>
      <Text className="notice__line">{props.hint}</Text>
      {props.at && <Text className="proc-banner__at">{formatRelative(props.at)}</Text>}
      {props.returnReason && (
        <View className="proc-banner__reason">
          <Text className="proc-banner__reason-label">退回原因：</Text>
          <Text className={props.reasonHook}>{props.returnReason}</Text>
        </View>
      )}
    </Notice>
  )
}

/** The 纠错审核中 mark of a field that is in a pending correction. */
export function PendingMark() {
  return <Text className="proc-pending e2e-proc-pending">纠错审核中</Text>
}
