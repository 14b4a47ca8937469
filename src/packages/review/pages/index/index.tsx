import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceChips, FormField } from '../../../../components/form'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  BATCH_APPROVABLE,
  type QueueStatus,
  REVIEW_KIND_LABELS,
  type ReviewCountsWithScope,
  ReviewKind,
  type ReviewQueueItem,
} from '../../../../contracts/reviews'
import { formatRelative } from '../../../../services/format'
import { useKeysetList } from '../../../../services/keyset-list'
import {
  approveBatch,
  fetchReviewCounts,
  listReviewQueue,
  type QueueFilter,
} from '../../../../services/reviews'
import { REVIEW_DETAIL_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import '../../review.css'

const STATUS_OPTIONS: ReadonlyArray<{ value: QueueStatus; label: string }> = [
  { value: 'awaiting', label: '待审核' },
  { value: 'decided', label: '已处理' },
  { value: 'all', label: '全部' },
]

/** The filter's text fields as typed (applied with 查询). */
interface Draft {
  major: string
  graduationYear: string
  submittedFrom: string
  submittedTo: string
  q: string
}
const EMPTY_DRAFT: Draft = { major: '', graduationYear: '', submittedFrom: '', submittedTo: '', q: '' }
const DAY = /^\d{4}-\d{2}-\d{2}$/

function tone(item: ReviewQueueItem): string {
  if (item.awaiting) return 'pending'
  if (item.status === 'approved') return 'done'
  if (item.status === 'withdrawn') return ''
  return 'failed'
}

function QueueRow(props: {
  item: ReviewQueueItem
  selectable: boolean
  selected: boolean
  onToggle: () => void
}) {
  const i = props.item
  const open = () =>
    Taro.navigateTo({ url: `${REVIEW_DETAIL_PAGE}?kind=${i.kind}&id=${encodeURIComponent(i.id)}` })
  return (
    <View className={`card review-item e2e-review-item e2e-review-item-${i.kind}`}>
      {props.selectable && (
        <Text
          className={`review-item__check e2e-review-check ${props.selected ? 'e2e-review-check--on' : ''}`}
          onClick={props.onToggle}
        >
          {props.selected ? '☑' : '☐'}
        </Text>
      )}
      <View className="review-item__body e2e-review-open" onClick={open}>
        <View className="review-item__head">
          <Text className="review-item__name e2e-review-item-name">{i.studentName}</Text>
          <StatusTag status={tone(i)} className="e2e-review-item-status">
            {i.statusLabel}
          </StatusTag>
        </View>
        <Text className="review-item__summary e2e-review-item-summary">
          {REVIEW_KIND_LABELS[i.kind]} · {i.summary}
        </Text>
        <Text className="review-item__meta">
          {i.studentNumber} · {i.college} · {i.major} · {i.graduationYear}届
        </Text>
        <Text className="review-item__meta">提交于 {formatRelative(i.submittedAt)}</Text>
      </View>
    </View>
  )
}

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
    const d = draft
    if ((d.submittedFrom && !DAY.test(d.submittedFrom)) || (d.submittedTo && !DAY.test(d.submittedTo))) {
      setDraftError('日期格式为 YYYY-MM-DD')
      return
    }
    if (d.graduationYear && !/^\d{4}$/.test(d.graduationYear)) {
      setDraftError('毕业年份为四位数字')
      return
    }
    setDraftError(null)
    setSelected([])
    setApplied({ ...d })
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
      <View className="review-tabs">
        {ReviewKind.options.map((k) => {
          const n = counts?.counts[k] ?? null
          return (
            <Text
              key={k}
              className={`review-tab e2e-review-tab-${k} ${k === kind ? 'review-tab--on' : ''}`}
              onClick={() => changeKind(k)}
            >
              {REVIEW_KIND_LABELS[k]}
              {n !== null && (
                <Text
                  className={`review-tab__count e2e-review-count-${k} ${n > 0 ? 'review-tab__count--some' : ''}`}
                >
                  {n}
                </Text>
              )}
            </Text>
          )
        })}
      </View>

      <View className="review-filters e2e-review-filters">
        <ChoiceChips
          name="review-status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={(v) => {
            if (v) {
              setStatus(v)
              setSelected([])
            }
          }}
        />
        {schoolLevel && (
          <ChoiceChips
            name="review-college"
            options={[
              { value: null, label: '全部学院' },
              ...counts.scope.colleges.map((c) => ({ value: c, label: c })),
            ]}
            value={college}
            onChange={(v) => {
              setCollege(v)
              setSelected([])
            }}
          />
        )}
        <FormField label="搜索" name="review-search">
          <Input
            className="form-field__input e2e-review-search"
            placeholder="姓名或学号开头"
            value={draft.q}
            maxlength={50}
            confirmType="search"
            onInput={(e) => setDraft((d) => ({ ...d, q: e.detail.value }))}
            onConfirm={apply}
          />
        </FormField>
        <View className="review-filters__row">
          <FormField label="专业" name="review-major">
            <Input
              className="form-field__input e2e-review-major"
              placeholder="全部"
              value={draft.major}
              maxlength={100}
              onInput={(e) => setDraft((d) => ({ ...d, major: e.detail.value }))}
            />
          </FormField>
          <FormField label="毕业年份" name="review-year">
            <Input
              className="form-field__input e2e-review-year"
              type="number"
              placeholder="如 2027"
              value={draft.graduationYear}
              maxlength={4}
              onInput={(e) => setDraft((d) => ({ ...d, graduationYear: e.detail.value }))}
            />
          </FormField>
        </View>
        <View className="review-filters__row">
          <FormField label="提交日期从" name="review-from">
            <Input
              className="form-field__input e2e-review-from"
              placeholder="YYYY-MM-DD"
              value={draft.submittedFrom}
              maxlength={10}
              onInput={(e) => setDraft((d) => ({ ...d, submittedFrom: e.detail.value }))}
            />
          </FormField>
          <FormField label="至" name="review-to">
            <Input
              className="form-field__input e2e-review-to"
              placeholder="YYYY-MM-DD"
              value={draft.submittedTo}
              maxlength={10}
              onInput={(e) => setDraft((d) => ({ ...d, submittedTo: e.detail.value }))}
            />
          </FormField>
        </View>
        {draftError && <Text className="review-filters__error e2e-review-filter-error">{draftError}</Text>}
        <View className="review-filters__actions">
          <Button className="btn e2e-review-filter-clear" onClick={clear}>
            重置
          </Button>
          <Button className="btn btn--primary e2e-review-filter-apply" onClick={apply}>
            查询
          </Button>
        </View>
      </View>

      {batchable && awaitingOnPage.length > 0 && (
        <View className="review-batch">
          {needsOpinions && selected.length > 0 && (
            <>
              <Textarea
                className="review-form__text e2e-review-batch-comment"
                placeholder="学院意见（批量通过的每份推荐表相同）"
                maxlength={300}
                value={opinions.comment}
                onInput={(e) => setOpinions((o) => ({ ...o, comment: e.detail.value }))}
              />
              <Textarea
                className="review-form__text e2e-review-batch-recommendation"
                placeholder="推荐意见"
                maxlength={300}
                value={opinions.recommendation}
                onInput={(e) => setOpinions((o) => ({ ...o, recommendation: e.detail.value }))}
              />
            </>
          )}
          <View className="review-batch__bar">
            <Button
              className="btn e2e-review-select-all"
              onClick={() =>
                setSelected(selected.length === awaitingOnPage.length ? [] : awaitingOnPage.map((i) => i.id))
              }
            >
              {selected.length === awaitingOnPage.length ? '取消全选' : '全选本页'}
            </Button>
            <Button
              className="btn btn--primary e2e-review-batch"
              disabled={selected.length === 0 || batchBusy}
              loading={batchBusy}
              onClick={() => void batch()}
            >
              批量通过{selected.length > 0 ? `（${selected.length}）` : ''}
            </Button>
          </View>
        </View>
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
