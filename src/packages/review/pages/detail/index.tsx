import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { type ReviewDetail, ReviewKind } from '../../../../contracts/reviews'
import { formatRelative } from '../../../../services/format'
import { asApiError } from '../../../../services/request'
import { fetchReviewDetail } from '../../../../services/reviews'
import { useSession } from '../../../../services/use-session'
import { type Conflict, DecisionForm } from '../../decision-form'
import { ItemSummary } from '../../item-summary'
import { ProofList, ReviewSections, ReviewTrail } from '../../review-sections'
import '../../review.css'

/**
 * One item of the workbench: who and what, its kind's diff (changed rows highlighted, locked fields
 * marked), the student's reason and proofs, the full trail, and — while it awaits a decision and the
 * caller may decide — 通过 / 退回 (驳回) with the reason list and free text. A decision another
 * reviewer made first shows "已被其他老师处理" with the state now, and the page reloads.
 */
export default function ReviewDetailPage() {
  const session = useSession()
  const params = useRouter().params
  const kind = ReviewKind.safeParse(params.kind)
  const id = params.id ?? ''
  const [detail, setDetail] = useState<ReviewDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const allowed = session?.user.role === 'school_staff' || session?.user.role === 'platform_admin'

  const load = async () => {
    if (!kind.success || !id) {
      setError('链接无效')
      return
    }
    setError(null)
    try {
      setDetail(await fetchReviewDetail(kind.data, id))
    } catch (e) {
      setError(asApiError(e, '加载失败').message)
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per item
  useEffect(() => {
    if (allowed) void load()
  }, [allowed, id, params.kind])

  const gate = roleGate(session, ['school_staff', 'platform_admin'], { title: '仅学校老师可用' })
  if (gate) return gate
  if (error) return <ErrorState message={error} onRetry={() => void load()} />
  if (!detail) return <Loading />
  const i = detail.item
  return (
    <View className="page e2e-review-detail">
      <View className="card">
        <ItemSummary
          item={i}
          tone={i.awaiting ? 'pending' : i.status === 'approved' ? 'done' : 'failed'}
          hooks={{ name: 'e2e-review-detail-name', status: 'e2e-review-detail-status' }}
        />
      </View>

      <ReviewSections sections={detail.sections} />

      {detail.studentReason && (
        <Notice
          kind="info"
          title="学生填写的原因"
          lines={[detail.studentReason]}
          className="e2e-review-student-reason"
        />
      )}

      {detail.proofs.length > 0 && <ProofList proofs={detail.proofs} />}

      {conflict && (
        <Notice
          kind="warn"
          className="e2e-review-conflict"
          title="已被其他老师处理"
          lines={[
            `当前状态：${conflict.statusLabel}`,
            conflict.decidedAt ? `处理时间：${formatRelative(conflict.decidedAt)}` : null,
          ]}
        />
      )}

      {detail.decidable && (
        <DecisionForm
          key={`${i.id}:${i.status}`}
          detail={detail}
          onDecided={() => void load()}
          onConflict={(c) => {
            setConflict(c)
            void load()
          }}
        />
      )}

      <ReviewTrail trail={detail.trail} />
    </View>
  )
}
