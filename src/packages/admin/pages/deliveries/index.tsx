import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { MoreFooter } from '../../../../components/more-footer'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  DELIVERY_PROBLEM_LABELS,
  type DeliveryProblem,
  DeliveryProblemStatus,
  NOTIFICATION_KIND_LABELS,
} from '../../../../contracts/deliveries'
import { listDeliveryProblems } from '../../../../services/deliveries'
import { formatRelative } from '../../../../services/format'
import { useKeysetList } from '../../../../services/keyset-list'
import { useSession } from '../../../../services/use-session'
import './index.css'

const CHANNEL = { subscribe: '小程序订阅消息', oa_template: '公众号模板消息' } as const

function DeliveryRow({ d }: { d: DeliveryProblem }) {
  return (
    <View className="card delivery e2e-delivery">
      <View className="delivery__head">
        <Text>{NOTIFICATION_KIND_LABELS[d.kind] ?? d.kind}</Text>
        <StatusTag status={d.status === 'unknown' ? 'pending' : 'rejected'}>
          {DELIVERY_PROBLEM_LABELS[d.status]}
        </StatusTag>
      </View>
      <Text className="delivery__reason e2e-delivery-reason">
        {d.lastErrcode !== null ? `${d.lastErrcode} · ` : ''}
        {d.lastError ?? '（无原因）'}
      </Text>
      <Text className="delivery__meta">
        {CHANNEL[d.channel]} · 模板 {d.templateId} · 收件人 {d.userId.slice(0, 8)} · 最后更新{' '}
        {formatRelative(d.updatedAt)}
      </Text>
      {d.attempts.map((a) => (
        <Text key={a.attempt} className="delivery__attempt e2e-delivery-attempt">
          第{a.attempt}次 {formatRelative(a.startedAt)} · {a.outcome ?? '进行中'}
          {a.errcode !== null ? ` · ${a.errcode}` : ''}
          {a.ms !== null ? ` · ${a.ms} ms` : ''}
        </Text>
      ))}
    </View>
  )
}

/** The WeChat deliveries that went wrong, for platform admins: why, and every attempt. */
export default function DeliveriesPage() {
  const session = useSession()
  const isAdmin = session?.user.role === 'platform_admin'
  const [status, setStatus] = useState<DeliveryProblemStatus>('dead')
  const [counts, setCounts] = useState<Partial<Record<DeliveryProblemStatus, number>>>({})
  const list = useKeysetList<DeliveryProblem>(
    async (before) => {
      const r = await listDeliveryProblems(status, before)
      setCounts(r.counts)
      return r
    },
    { key: isAdmin ? status : null },
  )
  useDidShow(() => {
    if (isAdmin) void list.reload({ keep: true })
  })
  usePullDownRefresh(() => void list.reload({ keep: true }).finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void list.more())

  const gate = roleGate(session, ['platform_admin'], {
    title: '仅平台管理员可用',
    hint: '这里列出发送失败、重试用尽和结果未知的微信消息',
  })
  if (gate) return gate
  return (
    <View className="page">
      <View className="deliveries-tabs">
        {DeliveryProblemStatus.options.map((s) => (
          <Text
            key={s}
            className={`deliveries-tabs__tab e2e-deliveries-tab-${s} ${status === s ? 'deliveries-tabs__tab--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {DELIVERY_PROBLEM_LABELS[s]} {counts[s] ?? ''}
          </Text>
        ))}
      </View>
      <AsyncList
        error={list.error}
        items={list.items}
        onRetry={() => void list.reload()}
        empty={<EmptyState title="没有这类投递问题" className="e2e-deliveries-empty" />}
        render={(d) => <DeliveryRow key={d.id} d={d} />}
      />
      <MoreFooter list={list} />
    </View>
  )
}
