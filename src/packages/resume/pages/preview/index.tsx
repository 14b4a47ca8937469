import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { RESUME_LANG_LABELS, type ResumeDetail } from '../../../../contracts/resumes'
import { downloadResumePdf, fetchResume } from '../../../../services/resumes'
import { RESUME_EDIT_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { CompletenessBar } from '../../completeness-bar'
import { ResumeView } from '../../resume-view'
import '../../resume.css'

/** Back to the editor when the preview was opened from it (its unsaved state is gone: it saved first), else open it. */
function edit(id: string): void {
  const pages = Taro.getCurrentPages()
  const previous = (pages[pages.length - 2]?.route ?? '').split('?')[0]!.replace(/^\/?/, '/')
  if (previous === RESUME_EDIT_PAGE) void Taro.navigateBack()
  else void Taro.navigateTo({ url: `${RESUME_EDIT_PAGE}?id=${id}` })
}

/** 简历预览: the resume as an employer reads it, and 下载PDF (made on the server, the same layout). */
export default function ResumePreviewPage() {
  const session = useSession()
  const id = useRouter().params.id ?? ''
  const [resume, setResume] = useState<ResumeDetail | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [downloading, setDownloading] = useState(false)

  const load = async () => {
    if (session?.user.role !== 'student' || !id) return
    setLoadError(null)
    try {
      setResume((await fetchResume(id, { toast: false })).resume)
    } catch (e) {
      setLoadError((e as Error).message)
    }
  }
  useDidShow(() => void load())

  const download = async () => {
    if (!resume || downloading) return
    setDownloading(true)
    try {
      const name = resume.content.personal?.name?.trim() || '简历'
      await downloadResumePdf(resume.id, `${name}-${resume.lang === 'zh' ? '中文简历' : 'Resume'}.pdf`)
    } catch {
      // downloadResumePdf toasted why
    } finally {
      setDownloading(false)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '简历面向学生' })
  if (gate) return gate
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!resume) return <Loading />
  return (
    <View className="page resume-preview">
      <View className="resume-preview__meta">
        <Text className="resume-preview__title">
          {resume.title} · {RESUME_LANG_LABELS[resume.lang]}
        </Text>
      </View>
      <CompletenessBar percent={resume.completeness} missing={resume.missing} />
      <View className="card">
        <ResumeView content={resume.content} lang={resume.lang} />
      </View>
      <View className="resume-edit__actions">
        <Button className="btn resume-edit__preview e2e-resume-edit" onClick={() => edit(resume.id)}>
          编辑
        </Button>
        <Button
          className="btn btn--primary resume-edit__save e2e-resume-download"
          loading={downloading}
          disabled={downloading}
          onClick={() => void download()}
        >
          下载PDF
        </Button>
      </View>
    </View>
  )
}
