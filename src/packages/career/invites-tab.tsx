import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { JobCard } from '../../components/job-card'
import { MoreFooter } from '../../components/more-footer'
import { EmptyState } from '../../components/state-views'
import { StatusTag } from '../../components/status-tag'
import { JOB_INVITE_STATUS_LABELS, type MyJobInvite } from '../../contracts/job-invites'
import { formatRelative } from '../../services/format'
import { declineJobInvite, listMyJobInvites } from '../../services/job-invites'
import { useKeysetList } from '../../services/keyset-list'
import { JOB_DETAIL_PAGE } from '../../services/routes'

function InviteItem(props: { invite: MyJobInvite; onChange: (i: MyJobInvite) => void }) {
  const v = props.invite
  const [busy, setBusy] = useState(false)
  const openJob = () => void Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${v.job.id}` })

  const decline = async () => {
    if (busy) return
    const ok = await Taro.showModal({
      title: '拒绝邀请',
      content: `确定不投递「${v.job.companyName}」的「${v.job.title}」？`,
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      const r = await declineJobInvite(v.id)
      props.onChange(r.invite)
    } catch {
      // the wrapper toasted why
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="career-invite e2e-invite-item">
      <JobCard job={v.job} onTap={openJob} className="career-invite__job" />
      <View className="card career-invite__info">
        <View className="career-item__head">
          <Text className="career-item__meta">{formatRelative(v.createdAt)} 收到邀请</Text>
          <StatusTag status={v.status} className="e2e-invite-status">
            {JOB_INVITE_STATUS_LABELS[v.status]}
          </StatusTag>
        </View>
        {v.note && <Text className="career-item__note">{v.note}</Text>}
        {v.status === 'pending' && (
          <View className="career-item__buttons">
            <Button
              className="btn btn--danger e2e-invite-decline"
              disabled={busy}
              onClick={() => void decline()}
            >
              拒绝
            </Button>
            <Button className="btn btn--primary e2e-invite-open" onClick={openJob}>
              查看并投递
            </Button>
          </View>
        )}
      </View>
    </View>
  )
}

/** 职位邀请: jobs employers invited me to apply to (from talent search); open the job or decline. */
export function InvitesTab({ refresh }: { refresh: number }) {
  const list = useKeysetList((before) => listMyJobInvites({ before }, { toast: false }))
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the page shows again
  useEffect(() => void list.reload({ keep: true }), [refresh])
  return (
    <View className="e2e-invites">
      <AsyncList
        error={list.error}
        items={list.items}
        onRetry={() => void list.reload()}
        empty={
          <EmptyState
            className="e2e-invites-empty"
            title="暂无职位邀请"
            hint="在隐私设置中允许单位搜索简历，单位就能邀请你投递"
          />
        }
        render={(v) => <InviteItem key={v.id} invite={v} onChange={list.update} />}
      />
      <MoreFooter list={list} />
    </View>
  )
}
