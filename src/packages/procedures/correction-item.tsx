import { Button, Text, View } from '@tarojs/components'
import { StatusTag } from '../../components/status-tag'
import { CORRECTION_STATUS_LABELS, type Correction } from '../../contracts/procedures'
import { formatRelative } from '../../services/format'
import { displayValue, label } from './fields'

/** One of my correction requests: the changes, the reason, the proofs, the decision; 撤回 while pending. */
export function CorrectionItem(props: { item: Correction; onWithdraw: (id: string) => void; busy: boolean }) {
  const c = props.item
  return (
    <View className={`card corr-item e2e-corr-item e2e-corr-item-${c.status}`}>
      <View className="corr-item__head">
        <Text className="corr-item__muted">{formatRelative(c.createdAt)} 提交</Text>
        <StatusTag status={c.status} className={`proc-tag--${c.status} e2e-corr-status`}>
          {CORRECTION_STATUS_LABELS[c.status]}
        </StatusTag>
      </View>
      {c.changes.map((ch) => (
        <Text key={ch.field} className="corr-item__line e2e-corr-change">
          {label(ch.field)}：{displayValue(ch.field, ch.old)} → {displayValue(ch.field, ch.new)}
        </Text>
      ))}
      <Text className="corr-item__muted">纠错原因：{c.reason}</Text>
      {c.proofs.length > 0 && (
        <Text className="corr-item__muted">证明材料：{c.proofs.map((p) => p.name).join('、')}</Text>
      )}
      {c.rejectReason && (
        <Text className="corr-item__reject e2e-corr-reject-reason">驳回原因：{c.rejectReason}</Text>
      )}
      {c.decidedAt && <Text className="corr-item__muted">{formatRelative(c.decidedAt)} 审核</Text>}
      {c.status === 'pending' && (
        <Button
          className="btn btn--danger e2e-corr-withdraw"
          disabled={props.busy}
          onClick={() => props.onWithdraw(c.id)}
        >
          撤回
        </Button>
      )}
    </View>
  )
}
