import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { Notice } from '../../components/form'
import { ResumeChoice } from '../../components/resume-choice'
import { Loading } from '../../components/state-views'
import { SubscribePrompt } from '../../components/subscribe-prompt'
import {
  APPLICATION_STATUS_LABELS,
  type MyApplication,
  type ResumeIncompleteDetails,
} from '../../contracts/applications'
import { MISSING_ITEM_LABELS, type MissingItem } from '../../contracts/resume-completeness'
import type { ResumeListResponse } from '../../contracts/resumes'
import {
  apply,
  incompleteDetails,
  listMyApplications,
  withdrawApplication,
} from '../../services/applications'
import { formatRelative } from '../../services/format'
import { asApiError } from '../../services/request'
import { listResumes } from '../../services/resumes'
import { CAREER_PAGE, LOGIN_PAGE, RESUME_EDIT_PAGE, RESUME_LIST_PAGE } from '../../services/routes'
import { getSession } from '../../services/session'
import { useSession } from '../../services/use-session'
import './apply-bar.css'

/** The missing items' Chinese hints (a key this client does not know yet shows as it is). */
function missingLabels(missing: readonly string[]): string[] {
  return missing.map((m) => MISSING_ITEM_LABELS[m as MissingItem] ?? m)
}

/**
 * 投递简历: choose the online resume (the default preselected) and optionally an attachment, then
 * apply with one idempotency key per tap. A resume under 60 % comes back as `resume_incomplete`
 * with the completeness and what is missing, shown here with the way to the editor.
 */
function ApplySheet(props: { jobId: string; onClose: () => void; onApplied: (a: MyApplication) => void }) {
  const [choices, setChoices] = useState<ResumeListResponse | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [resumeId, setResumeId] = useState<string | null>(null)
  const [attachmentId, setAttachmentId] = useState<string | null>(null)
  const [incomplete, setIncomplete] = useState<(ResumeIncompleteDetails & { resumeId: string }) | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = () => {
    setLoadError(null)
    listResumes({ toast: false })
      .then((r) => {
        setChoices(r)
        setResumeId((id) => id ?? (r.resumes.find((x) => x.isDefault) ?? r.resumes[0])?.id ?? null)
      })
      .catch((e: Error) => setLoadError(e.message))
  }
  useEffect(load, [])

  const submit = async () => {
    if (!resumeId || busy) return
    setError(null)
    setIncomplete(null)
    setBusy(true)
    try {
      const r = await apply({ jobId: props.jobId, resumeId, attachmentId })
      void Taro.showToast({ title: r.outcome === 'applied' ? '投递成功' : '已投递过该职位', icon: 'success' })
      props.onApplied(r.application)
    } catch (e) {
      const details = incompleteDetails(e)
      if (details) setIncomplete({ ...details, resumeId })
      else setError(asApiError(e, '投递失败，请稍后再试').message)
    } finally {
      setBusy(false)
    }
  }

  const editResume = (id: string) => {
    props.onClose()
    void Taro.navigateTo({ url: `${RESUME_EDIT_PAGE}?id=${id}` })
  }

  return (
    <View className="apply-sheet" catchMove onClick={props.onClose}>
      <View className="apply-sheet__panel e2e-apply-sheet" onClick={(e) => e.stopPropagation()}>
        <Text className="apply-sheet__title">选择投递的简历</Text>
        {loadError && <Notice kind="error" lines={[loadError]} />}
        {!loadError && !choices && <Loading />}
        {choices && choices.resumes.length === 0 && (
          <View className="e2e-apply-no-resume">
            <Notice kind="info" lines={['还没有在线简历，先创建一份再投递吧']} />
            <Button
              className="btn btn--primary"
              onClick={() => {
                props.onClose()
                void Taro.navigateTo({ url: RESUME_LIST_PAGE })
              }}
            >
              去创建简历
            </Button>
          </View>
        )}
        {choices && choices.resumes.length > 0 && (
          <>
            <ResumeChoice
              hook="apply"
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
                className="e2e-apply-incomplete"
                title={`简历完整度 ${incomplete.completeness}%，需达到 ${incomplete.required}% 才能投递`}
                lines={[]}
              >
                <Text className="notice__line">还差：</Text>
                {missingLabels(incomplete.missing).map((m) => (
                  <Text key={m} className="notice__line e2e-apply-missing">
                    · {m}
                  </Text>
                ))}
                <Button
                  className="btn btn--primary apply-sheet__edit e2e-apply-edit-resume"
                  onClick={() => editResume(incomplete.resumeId)}
                >
                  去完善简历
                </Button>
              </Notice>
            )}
            {error && <Notice kind="error" lines={[error]} className="e2e-apply-error" />}
            <View className="apply-sheet__buttons">
              <Button className="btn" onClick={props.onClose}>
                取消
              </Button>
              <Button
                className="btn btn--primary e2e-apply-submit"
                loading={busy}
                disabled={busy || !resumeId}
                onClick={() => void submit()}
              >
                确认投递
              </Button>
            </View>
          </>
        )}
      </View>
    </View>
  )
}

/**
 * The bar at the bottom of a job's detail: for a student, their application to this job (its
 * status, 撤回 while the employer has not opened it) or 投递简历; for nobody signed in, the way to log
 * in; for other roles, nothing.
 */
export function ApplyBar(props: { jobId: string; open: boolean }) {
  const session = useSession()
  const userId = session?.user.id ?? null
  const isStudent = session?.user.role === 'student'
  // undefined: not loaded yet; null: no live application to this job
  const [app, setApp] = useState<MyApplication | null | undefined>(undefined)
  const [sheet, setSheet] = useState(false)
  // the natural moment to offer WeChat notifications of this application: right after applying
  const [justApplied, setJustApplied] = useState(false)
  const [busy, setBusy] = useState(false)
  const shownFor = useRef<string | null>(null)

  const load = () => {
    const s = getSession()
    if (s?.user.role !== 'student' || !props.jobId) return
    const key = `${s.user.id}:${props.jobId}`
    shownFor.current = key
    listMyApplications({ jobId: props.jobId, limit: 1 }, { toast: false })
      .then((r) => {
        if (shownFor.current !== key) return
        const latest = r.items[0] ?? null
        // a withdrawn application no longer counts: the student may apply again
        setApp(latest && latest.status !== 'withdrawn' ? latest : null)
      })
      .catch(() => {
        if (shownFor.current === key) setApp(null)
      })
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: another job or account starts again
  useEffect(() => {
    setApp(undefined)
    load()
  }, [props.jobId, userId])
  // back from the resume editor or the 求职 page: the application may have changed
  useDidShow(load)

  const withdraw = async () => {
    if (!app || busy) return
    const ok = await Taro.showModal({ title: '撤回投递', content: '撤回后单位将看不到这份投递，确定撤回？' })
    if (!ok.confirm) return
    setBusy(true)
    try {
      await withdrawApplication(app.id)
      setApp(null)
      void Taro.showToast({ title: '已撤回', icon: 'success' })
    } catch {
      load() // the wrapper toasted why (the employer opened it meanwhile)
    } finally {
      setBusy(false)
    }
  }

  if (session && !isStudent) return null
  let content: ReactNode
  if (!session) {
    content = (
      <>
        <Text className="apply-bar__text">登录后即可投递简历</Text>
        <Button
          className="btn btn--primary apply-bar__button e2e-apply-login"
          onClick={() => void Taro.navigateTo({ url: LOGIN_PAGE })}
        >
          登录投递
        </Button>
      </>
    )
  } else if (app === undefined) {
    content = <Text className="apply-bar__text">加载中…</Text>
  } else if (app) {
    content = (
      <>
        <View
          className="apply-bar__status"
          onClick={() => void Taro.navigateTo({ url: `${CAREER_PAGE}?tab=applications` })}
        >
          <Text className="apply-bar__state e2e-apply-status">{APPLICATION_STATUS_LABELS[app.status]}</Text>
          <Text className="apply-bar__text">{formatRelative(app.submittedAt)}投递 · 查看记录 ›</Text>
        </View>
        {app.canWithdraw && (
          <Button
            className="btn apply-bar__button e2e-apply-withdraw"
            loading={busy}
            disabled={busy}
            onClick={() => void withdraw()}
          >
            撤回投递
          </Button>
        )}
      </>
    )
  } else if (!props.open) {
    content = <Text className="apply-bar__text e2e-apply-closed">该职位已停止招聘</Text>
  } else {
    content = (
      <>
        <Text className="apply-bar__text">选择一份简历即可投递</Text>
        <Button className="btn btn--primary apply-bar__button e2e-apply-open" onClick={() => setSheet(true)}>
          投递简历
        </Button>
      </>
    )
  }
  return (
    <>
      {/* keeps the page's last lines above the fixed bar */}
      <View className="apply-bar__spacer" />
      {justApplied && app && (
        <SubscribePrompt moment="apply" label="开启投递进展通知（微信）" className="apply-bar__subscribe" />
      )}
      <View className="apply-bar e2e-apply-bar">{content}</View>
      {sheet && (
        <ApplySheet
          jobId={props.jobId}
          onClose={() => setSheet(false)}
          onApplied={(a) => {
            setSheet(false)
            setApp(a)
            setJustApplied(true)
          }}
        />
      )}
    </>
  )
}
