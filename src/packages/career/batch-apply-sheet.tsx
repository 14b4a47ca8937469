import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Notice } from '../../components/form'
import { ResumeChoice } from '../../components/resume-choice'
import { Loading } from '../../components/state-views'
import { StatusTag } from '../../components/status-tag'
import {
  BATCH_ITEM_OUTCOME_LABELS,
  type BatchApplyResponse,
  JOB_NOT_OPEN_LABELS,
  type ResumeIncompleteDetails,
} from '../../contracts/applications'
import type { FavouriteListResponse } from '../../contracts/favourites'
import { MISSING_ITEM_LABELS, type MissingItem } from '../../contracts/resume-completeness'
import type { ResumeListResponse } from '../../contracts/resumes'
import { batchApply, incompleteDetails } from '../../services/applications'
import { listFavourites } from '../../services/favourites'
import { asApiError } from '../../services/request'
import { listResumes } from '../../services/resumes'
import { RESUME_EDIT_PAGE, RESUME_LIST_PAGE } from '../../services/routes'

/**
 * The chosen jobs' titles, by id, to name them in the outcomes: the tab hands over ids only, and
 * they were chosen in 我的收藏, whose list still shows closed and expired jobs (a few pages at most).
 */
async function favouriteTitles(jobIds: string[]): Promise<Record<string, string>> {
  const want = new Set(jobIds)
  const out: Record<string, string> = {}
  let cursor: string | undefined
  for (let page = 0; page < 5 && want.size > 0; page++) {
    const r: FavouriteListResponse = await listFavourites(cursor)
    for (const f of r.items) if (want.delete(f.job.id)) out[f.job.id] = f.job.title
    if (!r.nextCursor) break
    cursor = r.nextCursor
  }
  return out
}

/**
 * 批量投递 from 我的收藏: one resume (the default preselected) and optionally an attachment for every
 * chosen job, in one request with one idempotency key; then each job's outcome. A resume problem
 * refuses the whole batch (nothing is applied) and is shown as for a single application.
 */
export function BatchApplySheet(props: { jobIds: string[]; onClose: () => void; onDone: () => void }) {
  const [choices, setChoices] = useState<ResumeListResponse | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [resumeId, setResumeId] = useState<string | null>(null)
  const [attachmentId, setAttachmentId] = useState<string | null>(null)
  const [incomplete, setIncomplete] = useState<(ResumeIncompleteDetails & { resumeId: string }) | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<BatchApplyResponse | null>(null)
  const [busy, setBusy] = useState(false)
  const [titles, setTitles] = useState<Record<string, string>>({})

  const load = () => {
    setLoadError(null)
    listResumes({ toast: false })
      .then((r) => {
        setChoices(r)
        setResumeId((id) => id ?? (r.resumes.find((x) => x.isDefault) ?? r.resumes[0])?.id ?? null)
      })
      .catch((e: Error) => setLoadError(e.message))
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: once when the sheet opens
  useEffect(() => {
    load()
    favouriteTitles(props.jobIds)
      .then(setTitles)
      .catch(() => undefined) // the outcomes then number the jobs
  }, [])

  const submit = async () => {
    if (!resumeId || busy) return
    setError(null)
    setIncomplete(null)
    setBusy(true)
    try {
      const r = await batchApply({ jobIds: props.jobIds, resumeId, attachmentId })
      setResult(r)
      props.onDone()
    } catch (e) {
      const details = incompleteDetails(e)
      if (details) setIncomplete({ ...details, resumeId })
      else setError(asApiError(e, '投递失败，请稍后再试').message)
    } finally {
      setBusy(false)
    }
  }

  const go = (url: string) => {
    props.onClose()
    void Taro.navigateTo({ url })
  }

  return (
    <View className="career-sheet" catchMove onClick={props.onClose}>
      <View className="career-sheet__panel e2e-batch-sheet" onClick={(e) => e.stopPropagation()}>
        {result ? (
          <>
            <Text className="career-sheet__title e2e-batch-summary">
              已投递 {result.appliedCount} 个职位（共 {result.items.length} 个）
            </Text>
            {result.items.map((i, n) => (
              <View key={i.jobId} className="career-outcome e2e-batch-outcome">
                <Text className="career-outcome__title">{titles[i.jobId] ?? `职位 ${n + 1}`}</Text>
                <StatusTag
                  status={
                    i.outcome === 'applied'
                      ? 'applied'
                      : i.outcome === 'job_not_open'
                        ? 'declined'
                        : 'submitted'
                  }
                >
                  {i.outcome === 'job_not_open' && i.reason
                    ? JOB_NOT_OPEN_LABELS[i.reason]
                    : BATCH_ITEM_OUTCOME_LABELS[i.outcome]}
                </StatusTag>
              </View>
            ))}
            <View className="career-item__buttons">
              <Button className="btn btn--primary e2e-batch-close" onClick={props.onClose}>
                完成
              </Button>
            </View>
          </>
        ) : (
          <>
            <Text className="career-sheet__title">批量投递 {props.jobIds.length} 个职位</Text>
            {loadError && <Notice kind="error" lines={[loadError]} />}
            {!loadError && !choices && <Loading />}
            {choices && choices.resumes.length === 0 && (
              <>
                <Notice kind="info" lines={['还没有在线简历，先创建一份再投递吧']} />
                <Button className="btn btn--primary" onClick={() => go(RESUME_LIST_PAGE)}>
                  去创建简历
                </Button>
              </>
            )}
            {choices && choices.resumes.length > 0 && (
              <>
                <ResumeChoice
                  hook="batch"
                  choices={choices}
                  resumeId={resumeId}
                  attachmentId={attachmentId}
                  onResume={(id) => {
                    setResumeId(id)
                    setIncomplete(null)
                  }}
                  onAttachment={setAttachmentId}
                />
                {incomplete && (
                  <Notice
                    kind="warn"
                    className="e2e-batch-incomplete"
                    title={`简历完整度 ${incomplete.completeness}%，需达到 ${incomplete.required}% 才能投递`}
                    lines={[]}
                  >
                    <Text className="notice__line">还差：</Text>
                    {incomplete.missing.map((m) => (
                      <Text key={m} className="notice__line e2e-batch-missing">
                        · {MISSING_ITEM_LABELS[m as MissingItem] ?? m}
                      </Text>
                    ))}
                    <Button
                      className="btn btn--primary e2e-batch-edit-resume"
                      onClick={() => go(`${RESUME_EDIT_PAGE}?id=${incomplete.resumeId}`)}
                    >
                      去完善简历
                    </Button>
                  </Notice>
                )}
                {error && <Notice kind="error" lines={[error]} className="e2e-batch-error" />}
                <View className="career-item__buttons">
                  <Button className="btn" onClick={props.onClose}>
                    取消
                  </Button>
                  <Button
                    className="btn btn--primary e2e-batch-submit"
                    loading={busy}
                    disabled={busy || !resumeId}
                    onClick={() => void submit()}
                  >
                    确认投递
                  </Button>
                </View>
              </>
            )}
          </>
        )}
      </View>
    </View>
  )
}
