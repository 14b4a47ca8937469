import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import {
  MAX_RESUME_ATTACHMENTS,
  RESUME_LANG_LABELS,
  type ResumeAttachment,
  type ResumeLang,
  type ResumeListResponse,
  type ResumeSummary,
} from '../../../../contracts/resumes'
import { formatDate } from '../../../../services/format'
import {
  createResume,
  deleteAttachment,
  deleteResume,
  listResumes,
  openAttachment,
  setDefaultResume,
  uploadAttachment,
} from '../../../../services/resumes'
import { RESUME_EDIT_PAGE, RESUME_PREVIEW_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { CompletenessBar } from '../../completeness-bar'
import { PickError, pickPdf } from '../../pick-pdf'
import '../../resume.css'

const LANGS: ResumeLang[] = ['zh', 'en']

function size(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

async function confirm(title: string, content: string): Promise<boolean> {
  const r = await Taro.showModal({ title, content, confirmText: '删除', confirmColor: '#d83931' })
  return r.confirm
}

function OnlineCard(props: { r: ResumeSummary; busy: boolean; onDefault(): void; onDelete(): void }) {
  const { r } = props
  return (
    <View className={`card resume-card e2e-resume-card-${r.lang}`}>
      <View className="resume-card__head">
        <Text className="resume-card__title">{r.title}</Text>
        <Text className="resume-card__lang">{RESUME_LANG_LABELS[r.lang]}</Text>
        {r.isDefault && <Text className="resume-card__default e2e-resume-default">默认</Text>}
      </View>
      <CompletenessBar percent={r.completeness} missing={r.missing} hints={2} />
      <Text className="resume-card__time">更新于 {formatDate(r.updatedAt)}</Text>
      <View className="resume-card__actions">
        <Text
          className={`link e2e-resume-open-edit-${r.lang}`}
          onClick={() => Taro.navigateTo({ url: `${RESUME_EDIT_PAGE}?id=${r.id}` })}
        >
          编辑
        </Text>
        <Text
          className={`link e2e-resume-open-preview-${r.lang}`}
          onClick={() => Taro.navigateTo({ url: `${RESUME_PREVIEW_PAGE}?id=${r.id}` })}
        >
          预览/下载
        </Text>
        {!r.isDefault && (
          <Text
            className={`link e2e-resume-make-default-${r.lang}`}
            onClick={props.busy ? undefined : props.onDefault}
          >
            设为默认
          </Text>
        )}
        <Text className="link btn--danger" onClick={props.busy ? undefined : props.onDelete}>
          删除
        </Text>
      </View>
    </View>
  )
}

function AttachmentRow(props: { a: ResumeAttachment; onDelete(): void }) {
  return (
    <View className="resume-attachment e2e-resume-attachment">
      <View className="resume-attachment__text" onClick={() => void openAttachment(props.a.id)}>
        <Text className="resume-attachment__name">{props.a.fileName}</Text>
        <Text className="resume-attachment__meta">
          {size(props.a.sizeBytes)} · {formatDate(props.a.createdAt)}
        </Text>
      </View>
      <Text className="link btn--danger" onClick={props.onDelete}>
        删除
      </Text>
    </View>
  )
}

/**
 * 我的简历: the Chinese and the English online resume (each with its completeness and what to fill
 * next; one of them the default for 投递) and the attachment resumes (PDF, up to 5 MB each).
 */
export default function ResumeListPage() {
  const session = useSession()
  const [data, setData] = useState<ResumeListResponse | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const load = async () => {
    if (session?.user.role !== 'student') return
    setLoadError(null)
    try {
      setData(await listResumes({ toast: false }))
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const act = async (fn: () => Promise<unknown>): Promise<void> => {
    if (busy) return
    setBusy(true)
    try {
      await fn()
      await load()
    } catch {
      // the request wrapper toasted why
    } finally {
      setBusy(false)
    }
  }

  const create = (lang: ResumeLang) =>
    act(async () => {
      const { resume } = await createResume(lang)
      void Taro.navigateTo({ url: `${RESUME_EDIT_PAGE}?id=${resume.id}` })
    })

  const upload = async () => {
    if (uploading) return
    setNotice(null)
    let picked: Awaited<ReturnType<typeof pickPdf>>
    try {
      picked = await pickPdf()
    } catch (e) {
      setNotice(e instanceof PickError ? e.message : '选择文件失败，请重试')
      return
    }
    if (!picked) return
    setUploading(true)
    try {
      await uploadAttachment(picked.path, picked.name)
      void Taro.showToast({ title: '已上传', icon: 'success' })
      await load()
    } catch {
      // the upload wrapper toasted why (format, size, network)
    } finally {
      picked.release()
      setUploading(false)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '简历面向学生' })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!data) return <Loading />

  return (
    <View className="page resume-list">
      <View className="section-title">
        <Text>在线简历</Text>
      </View>
      <Text className="resume-list__note">
        默认简历完整度达到60%即可在线投递；投递时也可另选简历并附上附件。
      </Text>
      {LANGS.map((lang) => {
        const r = data.resumes.find((x) => x.lang === lang)
        return r ? (
          <OnlineCard
            key={lang}
            r={r}
            busy={busy}
            onDefault={() => void act(() => setDefaultResume(r.id))}
            onDelete={() =>
              void confirm('删除简历', `确定删除「${r.title}」吗？已投递的简历不受影响。`).then((ok) => {
                if (ok) void act(() => deleteResume(r.id))
              })
            }
          />
        ) : (
          <View key={lang} className={`card resume-card resume-card--empty e2e-resume-create-${lang}`}>
            <Text className="resume-card__title">{RESUME_LANG_LABELS[lang]}</Text>
            <Button
              className={`btn btn--primary resume-card__create e2e-resume-create-${lang}-button`}
              disabled={busy}
              onClick={() => void create(lang)}
            >
              创建{RESUME_LANG_LABELS[lang]}
            </Button>
          </View>
        )
      })}

      <View className="section-title">
        <Text>附件简历</Text>
        <Text className="resume-list__count">
          {data.attachments.length}/{MAX_RESUME_ATTACHMENTS}
        </Text>
      </View>
      {notice && <Notice kind="error" className="e2e-resume-upload-error" lines={[notice]} />}
      <View className="card">
        {data.attachments.length === 0 && <Text className="resume-list__empty">还没有附件简历</Text>}
        {data.attachments.map((a) => (
          <AttachmentRow
            key={a.id}
            a={a}
            onDelete={() =>
              void confirm('删除附件简历', `确定删除「${a.fileName}」吗？`).then((ok) => {
                if (ok) void act(() => deleteAttachment(a.id))
              })
            }
          />
        ))}
        {data.attachments.length < MAX_RESUME_ATTACHMENTS && (
          <Button
            className="btn resume-list__upload e2e-resume-upload"
            loading={uploading}
            disabled={uploading}
            onClick={() => void upload()}
          >
            上传附件简历（PDF，5MB以内）
          </Button>
        )}
      </View>
    </View>
  )
}
