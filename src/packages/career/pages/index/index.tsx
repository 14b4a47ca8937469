import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { roleGate } from '../../../../components/role-gate'
import { useSession } from '../../../../services/use-session'
import { ApplicationsTab } from '../../applications-tab'
import { BatchApplySheet } from '../../batch-apply-sheet'
import { FavouritesTab } from '../../favourites-tab'
import { InterviewsTab } from '../../interviews-tab'
import { InvitesTab } from '../../invites-tab'
import '../../career.css'

const TABS = [
  { key: 'applications', label: '已投简历' },
  { key: 'interviews', label: '面试邀请' },
  { key: 'favourites', label: '我的收藏' },
  { key: 'invites', label: '职位邀请' },
] as const
type Tab = (typeof TABS)[number]['key']

function isTab(v: string | undefined): v is Tab {
  return TABS.some((t) => t.key === v)
}

/**
 * 求职: my applications, interviews, favourites and job invitations. `?tab=` opens one (the inbox's
 * links do: `?tab=interviews` for an interview invitation).
 */
export default function CareerPage() {
  const session = useSession()
  const params = useRouter().params
  const [tab, setTab] = useState<Tab>(() => (isTab(params.tab) ? params.tab : 'applications'))
  // each show of the page (back from a job's detail, from the inbox) reloads the open tab
  const [shown, setShown] = useState(0)
  const [batchJobIds, setBatchJobIds] = useState<string[] | null>(null)
  useDidShow(() => setShown((n) => n + 1))

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '求职记录面向学生' })
  if (gate) return gate
  return (
    <View className="page">
      <View className="career-tabs">
        {TABS.map((t) => (
          <Text
            key={t.key}
            className={`career-tabs__tab e2e-career-tab-${t.key} ${tab === t.key ? 'career-tabs__tab--on' : ''}`}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </Text>
        ))}
      </View>
      {shown > 0 && tab === 'applications' && <ApplicationsTab refresh={shown} />}
      {shown > 0 && tab === 'interviews' && <InterviewsTab refresh={shown} />}
      {tab === 'favourites' && <FavouritesTab onBatchApply={(ids) => setBatchJobIds(ids)} />}
      {shown > 0 && tab === 'invites' && <InvitesTab refresh={shown} />}
      {batchJobIds && (
        <BatchApplySheet
          jobIds={batchJobIds}
          onClose={() => setBatchJobIds(null)}
          onDone={() => setShown((n) => n + 1)}
        />
      )}
    </View>
  )
}
