import { Text, View } from '@tarojs/components'
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import type { CheckinStats } from '../../../../contracts/checkin'
import { fetchCheckinStats } from '../../../../services/checkin'
import { formatClock } from '../../../../services/format'
import { useSession } from '../../../../services/use-session'
import '../../checkin.css'

/** The organisers' screen refreshes this often: the counts come from checkin_counts, not a scan. */
const REFRESH_MS = 5_000

/** `14:05` for a bucket's start. */
const clock = (iso: string) => formatClock(new Date(iso).getTime())

function GateRow({ gate }: { gate: CheckinStats['gates'][number] }) {
  // the latest buckets first: what the organiser looks at is what is happening now
  const recent = [...gate.buckets].reverse().slice(0, 12)
  const peak = Math.max(1, ...recent.map((b) => b.ok))
  return (
    <View className="card dash-gate e2e-dashboard-gate" data-gate={gate.gate}>
      <View className="dash-gate__head">
        <Text className="dash-gate__name e2e-dashboard-gate-name">{gate.gate}</Text>
        <Text className="dash-gate__count">
          已签到 <Text className="e2e-dashboard-gate-checked-in">{gate.checkedIn}</Text> · 失败{' '}
          <Text className="e2e-dashboard-gate-failed">{gate.failed}</Text>
        </Text>
      </View>
      {recent.length === 0 ? (
        <Text className="dash-gate__empty">暂无签到</Text>
      ) : (
        recent.map((b) => (
          <View key={b.at} className="dash-bucket e2e-dashboard-bucket">
            <Text className="dash-bucket__at">{clock(b.at)}</Text>
            <View className="dash-bucket__bar">
              <View className="dash-bucket__fill" style={{ width: `${Math.round((b.ok / peak) * 100)}%` }} />
            </View>
            <Text className="dash-bucket__n">
              {b.ok}
              {b.failed > 0 ? ` / 失败 ${b.failed}` : ''}
            </Text>
          </View>
        ))
      )}
    </View>
  )
}

/**
 * 签到统计 (H5 for organisers, works in the mini-program too): checked in / registered, failed scans,
 * and per gate the successful check-ins of each 5-minute bucket; refreshed every 5 s while shown.
 */
export default function CheckinDashboardPage() {
  const session = useSession()
  const { params } = useRouter()
  const eventId = params.id ?? ''
  const [stats, setStats] = useState<CheckinStats | null>(null)
  const [error, setError] = useState<string | null>(null)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const allowed = session?.user.role === 'school_staff' || session?.user.role === 'fair_staff'

  const load = async () => {
    if (!eventId || !allowed) return
    try {
      setStats(await fetchCheckinStats(eventId))
      setError(null)
    } catch (e) {
      // a failed refresh keeps the last counts on screen and says so
      setError((e as Error).message)
    }
  }

  const stop = () => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }
  useDidShow(() => {
    void load()
    stop()
    timer.current = setInterval(() => void load(), REFRESH_MS)
  })
  useDidHide(stop)
  // biome-ignore lint/correctness/useExhaustiveDependencies: stop on unmount only
  useEffect(() => stop, [])

  const gate = roleGate(session, ['school_staff', 'fair_staff'], {
    title: '仅工作人员可用',
    hint: '签到统计面向活动的组织者与现场工作人员',
  })
  if (gate) return gate
  if (!eventId) return <EmptyState title="未指定活动" hint="请从活动管理进入签到统计" />
  if (!stats) return error ? <ErrorState message={error} onRetry={() => void load()} /> : <Loading />
  const pct = stats.registered > 0 ? Math.round((stats.checkedIn / stats.registered) * 100) : 0
  return (
    <View className="page e2e-dashboard">
      <View className="card dash-total">
        <Text className="dash-total__label">已签到 / 已报名</Text>
        <View className="dash-total__numbers">
          <Text className="dash-total__big e2e-dashboard-checked-in">{stats.checkedIn}</Text>
          <Text className="dash-total__sep">/</Text>
          <Text className="dash-total__reg e2e-dashboard-registered">{stats.registered}</Text>
        </View>
        <View className="dash-bucket__bar dash-total__bar">
          <View className="dash-bucket__fill" style={{ width: `${pct}%` }} />
        </View>
        <Text className="dash-total__meta">
          签到率 {pct}% · 失败扫码 <Text className="e2e-dashboard-failed">{stats.failed}</Text> 次 · 更新于{' '}
          {clock(stats.asOf)}
        </Text>
        {error && <Text className="dash-total__stale e2e-dashboard-stale">刷新失败：{error}</Text>}
      </View>
      <View className="section-title">
        <Text>各入口（每 5 分钟）</Text>
        <Text className="link" onClick={() => void load()}>
          刷新
        </Text>
      </View>
      {stats.gates.length === 0 ? (
        <EmptyState title="还没有入口签到" hint="工作人员开始扫码后，这里会显示各入口的人数" />
      ) : (
        stats.gates.map((g) => <GateRow key={g.gate} gate={g} />)
      )}
      <Text className="dash-hint">每 5 秒自动刷新</Text>
    </View>
  )
}
