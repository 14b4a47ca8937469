import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  EVENT_KIND_LABELS,
  EVENT_MODE_LABELS,
  EVENT_STATUS_LABELS,
  type EventSummary,
} from '../../../../contracts/events'
import { listSchoolEvents } from '../../../../services/events-admin'
import { formatRange } from '../../../../services/format'
import { useKeysetList } from '../../../../services/keyset-list'
import { STAFF_EVENT_EDIT_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import '../../events-admin.css'

/** The status word of a row: stored status, with 已结束 for a published event that is over. */
function statusOf(e: EventSummary): { tone: string; text: string } {
  if (e.status === 'published' && e.ended) return { tone: 'done', text: '已结束' }
  const tone = e.status === 'draft' ? 'pending' : e.status === 'published' ? 'applied' : 'cancelled'
  return { tone, text: EVENT_STATUS_LABELS[e.status] }
}

function EventRow({ e }: { e: EventSummary }) {
  const s = statusOf(e)
  return (
    <View
      className="card admin-event e2e-admin-event"
      onClick={() => Taro.navigateTo({ url: `${STAFF_EVENT_EDIT_PAGE}?id=${encodeURIComponent(e.id)}` })}
    >
      <View className="admin-event__head">
        <Text className="admin-event__title e2e-admin-event-title">{e.title}</Text>
        <StatusTag status={s.tone} className="e2e-admin-event-status">
          {s.text}
        </StatusTag>
      </View>
      <Text className="admin-event__meta">
        {EVENT_KIND_LABELS[e.kind]} · {EVENT_MODE_LABELS[e.mode]} · {formatRange(e.startsAt, e.endsAt)}
      </Text>
      <Text className="admin-event__meta">
        {e.mode === 'onsite'
          ? `${e.venue ?? '地点待定'} · 已报名 ${e.registered}/${e.capacity ?? '—'}`
          : '线上活动'}
      </Text>
    </View>
  )
}

/**
 * 活动管理 (school staff): their school's events, latest first, drafts and cancelled ones too;
 * 新建活动 opens an empty draft form.
 */
export default function StaffEventsPage() {
  const session = useSession()
  const isStaff = session?.user.role === 'school_staff'
  const list = useKeysetList<EventSummary>((before) => listSchoolEvents(before))
  useDidShow(() => {
    if (isStaff) void list.reload({ keep: true })
  })

  const gate = roleGate(session, ['school_staff'], {
    title: '仅学校就业工作人员可用',
    hint: '招聘会与宣讲会由学校就业中心创建和发布',
  })
  if (gate) return gate
  return (
    <View className="page">
      <Button
        className="btn btn--primary admin-new e2e-admin-event-new"
        onClick={() => Taro.navigateTo({ url: STAFF_EVENT_EDIT_PAGE })}
      >
        新建活动
      </Button>
      {list.error ? (
        <ErrorState message={list.error} onRetry={() => void list.reload()} />
      ) : list.items === null ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title="还没有活动" hint="点击上方“新建活动”创建招聘会或宣讲会" />
      ) : (
        list.items.map((e) => <EventRow key={e.id} e={e} />)
      )}
      <MoreFooter list={list} />
    </View>
  )
}
