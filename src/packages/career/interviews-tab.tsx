import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AsyncList } from '../../components/async-list'
import { KeyValue } from '../../components/form'
import { MoreFooter } from '../../components/more-footer'
import { EmptyState } from '../../components/state-views'
import { StatusTag } from '../../components/status-tag'
import {
  INTERVIEW_MODE_LABELS,
  INTERVIEW_RESULT_LABELS,
  INTERVIEW_STATUS_LABELS,
  type MyInterview,
} from '../../contracts/interviews'
import { answerInterview, formatInterviewTime, listMyInterviews } from '../../services/interviews'
import { useKeysetList } from '../../services/keyset-list'
import { JOB_DETAIL_PAGE } from '../../services/routes'

/**
 * The video link: H5 opens it in a new tab; the mini-program cannot open outside pages, so it copies
 * the link for the browser or the meeting app.
 */
function openVideo(url: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener')
    return
  }
  void Taro.setClipboardData({ data: url }).then(() =>
    Taro.showToast({ title: '链接已复制，请在浏览器或会议软件中打开', icon: 'none', duration: 2500 }),
  )
}

function InterviewItem(props: { interview: MyInterview; onChange: (i: MyInterview) => void }) {
  const i = props.interview
  const [busy, setBusy] = useState(false)

  const answer = async (accept: boolean) => {
    if (busy) return
    const ok = await Taro.showModal({
      title: accept ? '接受面试' : '拒绝面试',
      content: accept
        ? `确认按时参加「${i.job.title}」的${INTERVIEW_MODE_LABELS[i.mode]}（${formatInterviewTime(i.startsAt)}）？`
        : `拒绝后单位会收到通知，确定拒绝「${i.job.title}」的面试邀请？`,
    })
    if (!ok.confirm) return
    setBusy(true)
    try {
      const r = await answerInterview(i.id, accept)
      props.onChange(r.interview)
      void Taro.showToast({ title: accept ? '已接受' : '已拒绝', icon: 'success' })
    } catch {
      // the wrapper toasted why (the time has come, the employer cancelled it)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-interview-item">
      <View
        className="career-item__head"
        onClick={() => void Taro.navigateTo({ url: `${JOB_DETAIL_PAGE}?id=${i.job.id}` })}
      >
        <Text className="career-item__title">{i.job.title}</Text>
        <StatusTag status={i.status} className="e2e-interview-status">
          {INTERVIEW_STATUS_LABELS[i.status]}
        </StatusTag>
      </View>
      <Text className="career-item__meta">{i.job.companyName}</Text>
      <KeyValue
        k="面试方式"
        v={<Text className="e2e-interview-mode">{INTERVIEW_MODE_LABELS[i.mode]}</Text>}
      />
      <KeyValue
        k="面试时间"
        v={<Text className="e2e-interview-time">{formatInterviewTime(i.startsAt)}</Text>}
      />
      {i.mode === 'onsite' && i.address && <KeyValue k="面试地址" v={i.address} />}
      {i.mode === 'video' && i.videoUrl && (
        <KeyValue k="视频链接" v={<Text className="career-link e2e-interview-video">{i.videoUrl}</Text>} />
      )}
      <KeyValue k="联系方式" v={i.contact} />
      {i.note && <Text className="career-item__note">{i.note}</Text>}
      {i.status === 'done' && i.result && (
        <StatusTag className="career-result --${i.result} e2e-interview-result">
          面试结果：{INTERVIEW_RESULT_LABELS[i.result]}
        </StatusTag>
      )}
      {i.canAnswer && (
        <View className="career-item__buttons">
          <Button
            className="btn btn--danger e2e-interview-decline"
            disabled={busy}
            onClick={() => void answer(false)}
          >
            拒绝
          </Button>
          <Button
            className="btn btn--primary e2e-interview-accept"
            loading={busy}
            disabled={busy}
            onClick={() => void answer(true)}
          >
            接受
          </Button>
        </View>
      )}
      {i.status === 'accepted' && i.mode === 'video' && i.videoUrl && (
        <View className="career-item__buttons">
          <Button className="btn btn--primary e2e-interview-join" onClick={() => openVideo(i.videoUrl!)}>
            {process.env.TARO_ENV === 'h5' ? '进入视频面试' : '复制视频面试链接'}
          </Button>
        </View>
      )}
    </View>
  )
}

/** 面试邀请: every invitation; 接受/拒绝 while unanswered and before its time; the result once done. */
export function InterviewsTab({ refresh }: { refresh: number }) {
  const list = useKeysetList((before) => listMyInterviews({ before }, { toast: false }))
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the page shows again
  useEffect(() => void list.reload({ keep: true }), [refresh])
  return (
    <View className="e2e-interviews">
      <AsyncList
        error={list.error}
        items={list.items}
        onRetry={() => void list.reload()}
        empty={
          <EmptyState
            className="e2e-interviews-empty"
            title="暂无面试邀请"
            hint="单位邀请你面试时，会在这里和消息中通知你"
          />
        }
        render={(i) => <InterviewItem key={i.id} interview={i} onChange={list.update} />}
      />
      <MoreFooter list={list} />
    </View>
  )
}
