import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import {
  BATCH_APPROVABLE,
  type QueueStatus,
  REVIEW_KIND_LABELS,
  type ReviewCountsWithScope,
  type ReviewKind,
  type ReviewQueueItem,
} from '../../../../contracts/reviews'
import { useKeysetList } from '../../../../services/keyset-list'
import {
  approveBatch,
  fetchReviewCounts,
  listReviewQueue,
  type QueueFilter,
} from '../../../../services/reviews'
import { REVIEW_TERMINATIONS_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { BatchBar } from '../../batch-bar'
import { draftError as checkDraft, type Draft, EMPTY_DRAFT, FilterBar } from '../../filter-bar'
import { KindTabs } from '../../kind-tabs'
import { QueueRow } from '../../queue-row'
import '../../review.css'

/**
 * 审核工作台: one queue for every kind of school review in the caller's scope (the database
 * scopes it: a college's reviewer sees their college, school-level staff the school). Kind tabs
 * with awaiting counts, filters, the list (oldest awaiting first) with 批量通过 where it is safe.
 */
export default function ReviewQueuePage() {
  const session = useSession()
  const allowed = session?.user.role === 'school_staff' || session?.user.role === 'platform_admin'
  const [kind, setKind] = useState<ReviewKind>('source_info')
  const [status, setStatus] = useState<QueueStatus>('awaiting')
  const [college, setCollege] = useState<string | null>(null)
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT)
  const [applied, setApplied] = useState<Draft>(EMPTY_DRAFT)
  const [draftError, setDraftError] = useState<string | null>(null)
  const [counts, setCounts] = useState<ReviewCountsWithScope | null>(null)
  const [selected, setSelected] = useState<string[]>([])
  const [opinions, setOpinions] = useState({ comment: '', recommendation: '' })
  const [batchBusy, setBatchBusy] = useState(false)

  const filter: QueueFilter = {
    kind,
    status,
    college: college ?? undefined,
    major: applied.major || undefined,
    graduationYear: applied.graduationYear ? Number(applied.graduationYear) : undefined,
    submittedFrom: applied.submittedFrom || undefined,
    submittedTo: applied.submittedTo || undefined,
    q: applied.q || undefined,
  }
  const list = useKeysetList<ReviewQueueItem>((after) => listReviewQueue(filter, after), {
    key: allowed ? JSON.stringify(filter) : null,
  })

  const loadCounts = () => {
    if (!allowed) return
    fetchReviewCounts({ toast: false })
      .then(setCounts)
      .catch(() => undefined)
  }
  useDidShow(() => {
    loadCounts()
    if (allowed && list.items !== null) void list.reload({ keep: true })
  })
  usePullDownRefresh(() => {
    loadCounts()
    void list.reload({ keep: true }).finally(() => Taro.stopPullDownRefresh())
  })

  const readOnly = counts?.scope.readOnly ?? session?.user.role !== 'school_staff'
  const batchable = !readOnly && BATCH_APPROVABLE.includes(kind) && status !== 'decided'
  const needsOpinions = kind === 'recommendation'

  const changeKind = (k: ReviewKind) => {
    setKind(k)
    setSelected([])
  }
  const apply = () => {
    const bad = checkDraft(draft)
    setDraftError(bad)
    if (bad) return
    setSelected([])
    setApplied({ ...draft })
  }
  const clear = () => {
    setDraft(EMPTY_DRAFT)
    setApplied(EMPTY_DRAFT)
    setCollege(null)
    setDraftError(null)
    setSelected([])
  }
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]))

  const batch = async () => {
    if (batchBusy || selected.length === 0) return
    if (needsOpinions && (!opinions.comment.trim() || !opinions.recommendation.trim())) {
      void Taro.showToast({ title: '请填写学院意见和推荐意见', icon: 'none' })
      return
    }
    setBatchBusy(true)
    try {
      const r = await approveBatch(
        kind,
        selected,
        needsOpinions
          ? { comment: opinions.comment.trim(), recommendation: opinions.recommendation.trim() }
          : {},
      )
      void Taro.showToast({
        title: r.skipped.length
          ? `已通过 ${r.approved.length} 项，跳过 ${r.skipped.length} 项`
          : `已通过 ${r.approved.length} 项`,
        icon: 'none',
      })
      setSelected([])
      loadCounts()
      void list.reload({ keep: true })
    } catch {
      // the wrapper toasted the API's reason; the selection stays for another try
    } finally {
      setBatchBusy(false)
    }
  }

  const gate = roleGate(session, ['school_staff', 'platform_admin'], {
    title: '仅学校老师可用',
    hint: '审核工作台供学校就业部门和学院老师审核学生的生源信息、纠错申请和推荐表',
  })
  if (gate) return gate
  const awaitingOnPage = (list.items ?? []).filter((i) => i.awaiting)
  const schoolLevel = counts !== null && counts.scope.college === null && counts.scope.colleges.length > 0
  return (
    <View className="page">
      <KindTabs kind={kind} counts={counts} onChange={changeKind} />
      {kind === 'termination' && (
        <Text
          className="review-link e2e-review-force-terminations"
          onClick={() => Taro.navigateTo({ url: REVIEW_TERMINATIONS_PAGE })}
        >
          用人单位未答复的解约申请（强制解约）›
        </Text>
      )}
      <FilterBar
        status={status}
        onStatus={(v) => {
          setStatus(v)
          setSelected([])
        }}
        colleges={schoolLevel ? counts.scope.colleges : null}
        college={college}
        onCollege={(v) => {
          setCollege(v)
          setSelected([])
        }}
        draft={draft}
        setDraft={setDraft}
        error={draftError}
        onApply={apply}
        onClear={clear}
      />

      {batchable && awaitingOnPage.length > 0 && (
        <BatchBar
          selected={selected.length}
          awaiting={awaitingOnPage.length}
          needsOpinions={needsOpinions}
          opinions={opinions}
          setOpinions={setOpinions}
          busy={batchBusy}
          onSelectAll={() =>
            setSelected(selected.length === awaitingOnPage.length ? [] : awaitingOnPage.map((i) => i.id))
          }
          onApprove={() => void batch()}
        />
      )}

      {list.error ? (
        <ErrorState message={list.error} onRetry={() => void list.reload()} />
      ) : list.items === null ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState
          className="e2e-review-empty"
          title={status === 'awaiting' ? `暂无待审核的${REVIEW_KIND_LABELS[kind]}` : '暂无记录'}
          hint="下拉可刷新"
        />
      ) : (
        list.items.map((i) => (
          <QueueRow
            key={`${i.kind}:${i.id}`}
            item={i}
            selectable={batchable && i.awaiting}
            selected={selected.includes(i.id)}
            onToggle={() => toggle(i.id)}
          />
        ))
      )}
      <MoreFooter list={list} />
    </View>
  )
}
