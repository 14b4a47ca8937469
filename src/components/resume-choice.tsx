import { Text, View } from '@tarojs/components'
import { RESUME_LANG_LABELS } from '../contracts/applications'
import { MIN_APPLY_COMPLETENESS } from '../contracts/resume-completeness'
import type { ResumeListResponse } from '../contracts/resumes'
import './resume-choice.css'

/**
 * The resume an application sends: one online resume (its completeness, red under the apply
 * threshold) and optionally one attachment. The apply sheet and the batch-apply sheet both use it;
 * `hook` names their e2e classes (`e2e-apply-resume-zh`, `e2e-batch-attachment`, …).
 */
export function ResumeChoice(props: {
  hook: 'apply' | 'batch'
  choices: ResumeListResponse
  resumeId: string | null
  attachmentId: string | null
  onResume: (id: string) => void
  onAttachment: (id: string | null) => void
}) {
  const { hook, choices, resumeId, attachmentId } = props
  const on = (yes: boolean) => (yes ? 'resume-option--on' : '')
  return (
    <>
      <Text className="resume-choice__label">在线简历</Text>
      {choices.resumes.map((r) => (
        <View
          key={r.id}
          className={`resume-option e2e-${hook}-resume e2e-${hook}-resume-${r.lang} ${on(resumeId === r.id)}`}
          onClick={() => props.onResume(r.id)}
        >
          <Text>
            {r.title}（{RESUME_LANG_LABELS[r.lang]}）{r.isDefault ? ' · 默认' : ''}
          </Text>
          <Text
            className={`resume-option__extra ${r.completeness < MIN_APPLY_COMPLETENESS ? 'resume-option__extra--low' : ''}`}
          >
            完整度 {r.completeness}%
          </Text>
        </View>
      ))}
      {choices.attachments.length > 0 && (
        <>
          <Text className="resume-choice__label">附件简历（选填）</Text>
          <View
            className={`resume-option e2e-${hook}-attachment-none ${on(attachmentId === null)}`}
            onClick={() => props.onAttachment(null)}
          >
            <Text>不附带附件</Text>
          </View>
          {choices.attachments.map((a) => (
            <View
              key={a.id}
              className={`resume-option e2e-${hook}-attachment ${on(attachmentId === a.id)}`}
              onClick={() => props.onAttachment(a.id)}
            >
              <Text>{a.fileName}</Text>
            </View>
          ))}
        </>
      )}
    </>
  )
}
