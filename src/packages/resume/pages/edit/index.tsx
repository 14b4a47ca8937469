import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { resumeCompleteness } from '../../../../contracts/resume-completeness'
import {
  OPTIONAL_SECTION_LABELS,
  OPTIONAL_SECTIONS,
  type OptionalSection,
  RESUME_LANG_LABELS,
  ResumeContent,
  type ResumeDetail,
} from '../../../../contracts/resumes'
import { asApiError } from '../../../../services/request'
import { fetchResume, saveResume } from '../../../../services/resumes'
import { RESUME_PREVIEW_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { CompletenessBar } from '../../completeness-bar'
import { EntryList, IntentionEditor, PersonalEditor, SelfEvaluationEditor } from '../../editor'
import { apiFieldsByPath, type Draft, messagesByPath, toContent, toDraft } from '../../model'
import '../../resume.css'

/** The addable sections that already hold something are shown from the start. */
function shownOf(d: Draft): OptionalSection[] {
  return OPTIONAL_SECTIONS.filter((s) =>
    s === 'selfEvaluation' ? Boolean(d.selfEvaluation?.trim()) : (d[s] ?? []).length > 0,
  )
}

/**
 * 编辑简历: 个人信息、求职意向、教育背景 always, the other sections when added. The completeness bar
 * and its hints follow every keystroke (the shared rule on the draft); Save checks the draft with
 * the same schema as the API, then sends it (the database recomputes and stores completeness).
 */
export default function ResumeEditPage() {
  const session = useSession()
  const id = useRouter().params.id ?? ''
  const [resume, setResume] = useState<ResumeDetail | null>(null)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [title, setTitle] = useState('')
  const [shown, setShown] = useState<OptionalSection[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [dirty, setDirty] = useState(false)

  const load = async () => {
    setLoadError(null)
    try {
      const r = (await fetchResume(id, { toast: false })).resume
      const d = toDraft(r.content)
      setResume(r)
      setDraft(d)
      setTitle(r.title)
      setShown(shownOf(d))
      setDirty(false)
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: load once per resume (a reload would drop unsaved edits)
  useEffect(() => {
    if (session?.user.role === 'student' && id) void load()
  }, [id, session?.user.role])

  const live = useMemo(() => (draft ? resumeCompleteness(toContent(draft)) : null), [draft])

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => (d ? { ...d, [key]: value } : d))
    setDirty(true)
  }
  const addSection = (s: OptionalSection) => {
    setShown((xs) => [...xs, s])
    if (s !== 'selfEvaluation' && draft && (draft[s] ?? []).length === 0) change(s, [{}] as never)
  }
  const removeSection = (s: OptionalSection) => {
    setShown((xs) => xs.filter((x) => x !== s))
    change(s, (s === 'selfEvaluation' ? '' : []) as never)
  }

  const save = async (): Promise<boolean> => {
    if (!draft || saving) return false
    setMessage(null)
    const parsed = ResumeContent.safeParse(toContent(draft))
    const titleOk = title.trim().length > 0 && title.trim().length <= 50
    if (!parsed.success || !titleOk) {
      setErrors({
        ...(parsed.success ? {} : messagesByPath(parsed.error.issues)),
        ...(titleOk ? {} : { title: '简历名称为1–50字' }),
      })
      setMessage('有内容需要修改，请查看标红的项')
      return false
    }
    setErrors({})
    setSaving(true)
    try {
      const r = (await saveResume(id, { title: title.trim(), content: parsed.data })).resume
      setResume(r)
      setDraft(toDraft(r.content))
      setDirty(false)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      return true
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      setErrors(apiFieldsByPath(err.fields))
      setMessage(err.message)
      return false
    } finally {
      setSaving(false)
    }
  }

  const preview = async () => {
    if (dirty && !(await save())) return
    void Taro.navigateTo({ url: `${RESUME_PREVIEW_PAGE}?id=${id}` })
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '简历面向学生' })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!resume || !draft || !live) return <Loading />

  const addable = OPTIONAL_SECTIONS.filter((s) => !shown.includes(s))
  return (
    <View className="page resume-edit e2e-resume-edit-page">
      <View className="resume-edit__sticky">
        <CompletenessBar percent={live.percent} missing={live.missing} />
      </View>
      <View className="card">
        <TextField
          label={`${RESUME_LANG_LABELS[resume.lang]}名称`}
          name="resume-title"
          error={errors.title}
          inputClassName="e2e-resume-title"
          value={title}
          maxlength={50}
          onInput={(v) => {
            setTitle(v)
            setDirty(true)
          }}
        />
      </View>
      {message && <Notice kind="error" className="e2e-resume-error" lines={[message]} />}

      <PersonalEditor draft={draft} errors={errors} onChange={(p) => change('personal', p)} />
      <IntentionEditor draft={draft} errors={errors} onChange={(i) => change('intention', i)} />
      <EntryList
        section="education"
        draft={draft}
        errors={errors}
        onChange={(xs) => change('education', xs as Draft['education'])}
      />
      {shown.map((s) =>
        s === 'selfEvaluation' ? (
          <SelfEvaluationEditor
            key={s}
            value={draft.selfEvaluation ?? ''}
            error={errors.selfEvaluation}
            onChange={(v) => change('selfEvaluation', v)}
            onRemoveSection={() => removeSection(s)}
          />
        ) : (
          <EntryList
            key={s}
            section={s}
            draft={draft}
            errors={errors}
            onChange={(xs) => change(s, xs as never)}
            onRemoveSection={() => removeSection(s)}
          />
        ),
      )}

      {addable.length > 0 && (
        <View className="card resume-modules">
          <Text className="resume-modules__title">添加模块</Text>
          <View className="chips">
            {addable.map((s) => (
              <Text key={s} className={`chip e2e-resume-module-${s}`} onClick={() => addSection(s)}>
                + {OPTIONAL_SECTION_LABELS[s]}
              </Text>
            ))}
          </View>
        </View>
      )}

      <View className="resume-edit__actions">
        <Button className="btn resume-edit__preview e2e-resume-preview" onClick={() => void preview()}>
          预览
        </Button>
        <Button
          className="btn btn--primary resume-edit__save e2e-resume-save"
          loading={saving}
          disabled={saving}
          onClick={() => void save()}
        >
          {dirty ? '保存' : '已保存'}
        </Button>
      </View>
    </View>
  )
}
