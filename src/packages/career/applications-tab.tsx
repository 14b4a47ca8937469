import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { MoreFooter } from '../../components/more-footer'
import { EmptyState } from '../../components/state-views'
import { StatusTag } from '../../components/status-tag'
import {
  APPLICATION_STATUS_LABELS,
  type MyApplication,
  RESUME_LANG_LABELS,
} from '../../contracts/applications'
import { listMyApplications, withdrawApplication } from '../../services/applications'
import { useKeysetList } from '../../services/keyset-list'
import { JOB_DETAIL_PAGE, JOB_SEARCH_PAGE } from '../../services/routes'
import { ApplicationTimeline } from './timeline'

function ApplicationItem(props: { app: MyApplication; onChange: (a: MyApplication) => void }) {
  const a = props.app
  const [busy, setBusy] = useState(false)

  const withdraw = async () => {
    if (busy) return
    const ok = await Taro.showModal({
      title: '撤回投递',
      content: `撤回后「${a.job.companyName}」将看不到这份投递，确定撤回？`,
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      const r = await withdrawApplication(a.id)
      props.onChange(r.application)
      void Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch {
      // the wrapper toasted why (e.g. the employer opened it meanwhile)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-application-item">
      <View
        className="career-item__head"
        onClick={() => void Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${a.job.id}` })}
      >
        <Text className="career-item__title e2e-application-job">{a.job.title}</Text>
        <StatusTag status={a.status} className="e2e-application-status">
          {APPLICATION_STATUS_LABELS[a.status]}
        </StatusTag>
      </View>
      <Text className="career-item__meta">
        {a.job.companyName} · {a.job.cities.join('、')}
      </Text>
      <Text className="career-item__meta">
        投递简历：{RESUME_LANG_LABELS[a.resumeLang]}
        {a.attachmentName ? ` + 附件「${a.attachmentName}」` : ''}
      </Text>
      <ApplicationTimeline times={a} />
      {a.canWithdraw && (
        <View className="career-item__buttons">
          <Button
            className="btn btn--danger e2e-application-withdraw"
            loading={busy}
            disabled={busy}
            onClick={() => void withdraw()}
          >
            撤回投递
          </Button>
        </View>
      )}
    </View>
  )
}

/** 已投简历: my applications, newest first, each with its steps and times; 撤回 until the employer opens it. */
export function ApplicationsTab({ refresh }: { refresh: number }) {
  const list = useKeysetList((before) => listMyApplications({ before }, { toast: false }))
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the page shows again
  useEffect(() => void list.reload({ keep: true }), [refresh])
  return (
    <View className="e2e-applications">
      <AsyncList
        error={list.error}
        items={list.items}
        onRetry={() => void list.reload()}
        empty={
          <EmptyState
            className="e2e-applications-empty"
            title="还没有投递记录"
            hint="找到心仪的职位后，在职位详情页投递简历"
            actionText="去找职位"
            onAction={() => void Taro.navigateTo({ url: JOB_SEARCH_PAGE })}
          />
        }
        render={(a) => <ApplicationItem key={a.id} app={a} onChange={list.update} />}
      />
      <MoreFooter list={list} />
    </View>
  )
}
