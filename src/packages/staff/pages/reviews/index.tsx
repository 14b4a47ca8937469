import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { ChoiceChips, KeyValue } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState } from '../../../../components/state-views'
import type { AppRole } from '../../../../contracts/auth'
import {
  type BindingReview,
  DEGREE_LEVEL_LABELS,
  REVIEW_STATUS_LABELS,
  ReviewDecisionRequest,
  type ReviewStatus,
} from '../../../../contracts/binding'
import { decideReview, listReviews } from '../../../../services/binding'
import { formatRelative } from '../../../../services/format'
import { asApiError } from '../../../../services/request'
import { useSession } from '../../../../services/use-session'
import './index.css'

type Filter = Exclude<ReviewStatus, 'withdrawn'>
const FILTERS: ReadonlyArray<{ value: Filter; label: string }> = (
  ['pending', 'approved', 'rejected'] as const
).map((value) => ({ value, label: REVIEW_STATUS_LABELS[value] }))
const REVIEWER_ROLES = new Set<AppRole>(['school_staff', 'platform_admin'])

function ReviewItem(props: {
  review: BindingReview
  onDecided: (r: BindingReview) => void
  onStale: () => void
}) {
  const r = props.review
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const decide = async (decision: 'approve' | 'reject') => {
    if (busy) return
    setError(null)
    const input = ReviewDecisionRequest.safeParse({
      decision,
      reason: decision === 'reject' ? reason : undefined,
    })
    if (!input.success) {
      setError(input.error.issues[0]?.message ?? '请填写原因')
      return
    }
    if (decision === 'approve') {
      const ok = await Taro.showModal({
        title: '通过审核',
        content: `确认${r.name}的身份信息无误并通过审核？`,
      })
      if (!ok.confirm) return
    }
    setBusy(true)
    try {
      const { review } = await decideReview(r.id, input.data)
      void Taro.showToast({ title: decision === 'approve' ? '已通过' : '已驳回', icon: 'success' })
      props.onDecided(review)
    } catch (e) {
      const err = asApiError(e, '操作失败，请稍后再试')
      setError(err.fields?.reason ?? err.message)
      // decided elsewhere in the meantime: the list is stale
      if (err.code === 'conflict' || err.code === 'not_found') props.onStale()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-reviews-item">
      <View className="reviews__item-head">
        <Text className="reviews__name">{r.name}</Text>
        <Text className="reviews__status">{REVIEW_STATUS_LABELS[r.status]}</Text>
      </View>
      <KeyValue k="毕业院校" v={r.graduatedFrom} />
      <KeyValue k="学历层次" v={DEGREE_LEVEL_LABELS[r.degreeLevel]} />
      <KeyValue k="毕业年份" v={String(r.graduationYear)} />
      <KeyValue k="专业" v={r.major} />
      <KeyValue k="身份证号" v={r.idCardMasked} />
      {r.note && <KeyValue k="说明" v={r.note} />}
      {r.reason && <KeyValue k="驳回原因" v={r.reason} />}
      <KeyValue k="申请时间" v={formatRelative(r.createdAt)} />
      {r.status === 'pending' && (
        <>
          {rejecting && (
            <Textarea
              className="reviews__reason e2e-reviews-reason"
              placeholder="请填写驳回原因，学生会看到"
              value={reason}
              maxlength={500}
              onInput={(e) => setReason(e.detail.value)}
            />
          )}
          {error && <Text className="reviews__error e2e-reviews-error">{error}</Text>}
          <View className="reviews__buttons">
            {rejecting ? (
              <>
                <Button className="btn" onClick={() => setRejecting(false)}>
                  取消
                </Button>
                <Button
                  className="btn btn--danger e2e-reviews-reject-confirm"
                  loading={busy}
                  disabled={busy}
                  onClick={() => void decide('reject')}
                >
                  确认驳回
                </Button>
              </>
            ) : (
              <>
                <Button className="btn btn--danger e2e-reviews-reject" onClick={() => setRejecting(true)}>
                  驳回
                </Button>
                <Button
                  className="btn btn--primary e2e-reviews-approve"
                  loading={busy}
                  disabled={busy}
                  onClick={() => void decide('approve')}
                >
                  通过
                </Button>
              </>
            )}
          </View>
        </>
      )}
    </View>
  )
}

/**
 * 学籍审核: manual-review applications of graduates from elsewhere. School staff see their school's, platform
 * admins every one (the database decides); approve, or reject with a reason the student reads.
 */
export default function StaffReviewsPage() {
  const session = useSession()
  const allowed = !!session && REVIEWER_ROLES.has(session.user.role)
  const [filter, setFilter] = useState<Filter>('pending')
  const [items, setItems] = useState<BindingReview[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  // a slow answer for the previous filter must not overwrite the current one
  const shown = useRef<Filter>(filter)

  const load = async (f: Filter = shown.current) => {
    if (!allowed) return
    setError(null)
    try {
      const r = await listReviews(f)
      if (shown.current === f) setItems(r.items)
    } catch (e) {
      if (shown.current === f) setError((e as Error).message)
    }
  }
  useDidShow(() => void load())
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })
  const changeFilter = (f: Filter) => {
    if (f === filter) return
    shown.current = f
    setFilter(f)
    setItems(null)
    void load(f)
  }

  const gate = roleGate(session, [...REVIEWER_ROLES], {
    title: '没有权限',
    hint: '学籍审核仅对学校老师和平台管理员开放',
  })
  if (gate) return gate
  return (
    <View className="page">
      <View className="reviews__filters">
        <ChoiceChips
          name="reviews-filter"
          options={FILTERS}
          value={filter}
          onChange={(v) => v && changeFilter(v)}
        />
      </View>
      <AsyncList
        error={error}
        items={items}
        onRetry={() => void load()}
        empty={
          <EmptyState
            className="e2e-reviews-empty"
            title={filter === 'pending' ? '暂无待审核的申请' : '暂无记录'}
            hint="下拉可刷新"
          />
        }
        render={(r) => (
          <ReviewItem
            key={r.id}
            review={r}
            onDecided={(done) => setItems((list) => (list ?? []).filter((x) => x.id !== done.id))}
            onStale={() => void load()}
          />
        )}
      />
    </View>
  )
}
