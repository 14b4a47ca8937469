import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import {
  AlreadyDecidedDetails,
  DecisionRequest,
  RETURN_LABELS,
  RETURN_REASONS,
  type ReviewDetail,
} from '../../contracts/reviews'
import { asApiError } from '../../services/request'
import { decideReviewItem } from '../../services/reviews'

/** Who already decided it: the 409's details, shown until the page reloads. */
export interface Conflict {
  statusLabel: string
  decidedAt: string | null
}

/** A text of the decision with its error under it. */
function DecisionText(props: {
  hook: string
  errorHook?: string
  placeholder: string
  maxlength: number
  value: string
  error?: string
  onInput: (v: string) => void
}) {
  return (
    <>
      <Textarea
        className={`review-form__text ${props.hook}`}
        placeholder={props.placeholder}
        maxlength={props.maxlength}
        value={props.value}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      {props.error && (
        <Text className={props.errorHook ? `review-form__error ${props.errorHook}` : 'review-form__error'}>
          {props.error}
        </Text>
      )}
    </>
  )
}

/** 通过 / 退回 (驳回): the reason list and free text, or the opinions a recommendation form needs. */
export function DecisionForm(props: {
  detail: ReviewDetail
  onDecided: () => void
  onConflict: (c: Conflict) => void
}) {
  const { item, approvalNeeds } = props.detail
  const kind = item.kind
  const reasons = RETURN_REASONS[kind]
  const [mode, setMode] = useState<'approve' | 'return' | null>(null)
  const [reasonCode, setReasonCode] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [comment, setComment] = useState('')
  const [recommendation, setRecommendation] = useState('')
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const needsOpinions = approvalNeeds.length > 0

  const submit = async () => {
    if (!mode || busy) return
    setError(null)
    setFields({})
    const input = DecisionRequest.safeParse({
      decision: mode,
      reasonCode: mode === 'return' ? (reasonCode ?? undefined) : undefined,
      reason: text.trim() || undefined,
      comment: mode === 'approve' && needsOpinions ? comment.trim() || undefined : undefined,
      recommendation: mode === 'approve' && needsOpinions ? recommendation.trim() || undefined : undefined,
    })
    if (!input.success) {
      setError(input.error.issues[0]?.message ?? '请检查填写的内容')
      return
    }
    if (mode === 'approve' && needsOpinions && (!comment.trim() || !recommendation.trim())) {
      setFields({
        ...(comment.trim() ? {} : { comment: '请填写学院意见' }),
        ...(recommendation.trim() ? {} : { recommendation: '请填写推荐意见' }),
      })
      return
    }
    setBusy(true)
    try {
      await decideReviewItem(kind, item.id, input.data)
      void Taro.showToast({
        title: mode === 'approve' ? '已通过' : `已${RETURN_LABELS[kind]}`,
        icon: 'success',
      })
      props.onDecided()
    } catch (e) {
      const err = asApiError(e, '操作失败，请稍后再试')
      if (err.code === 'already_decided') {
        const d = AlreadyDecidedDetails.safeParse(err.details)
        props.onConflict({
          statusLabel: d.success ? d.data.statusLabel : '已处理',
          decidedAt: d.success ? d.data.decidedAt : null,
        })
        return
      }
      setFields(err.fields ?? {})
      setError(err.message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="card e2e-review-form">
      <Text className="review-section__title">审核</Text>
      {mode === 'return' && (
        <>
          <View className="chips">
            {reasons.map((r, i) => (
              <Text
                key={r}
                className={`chip e2e-review-reason e2e-review-reason-${i} ${reasonCode === r ? 'chip--active' : ''}`}
                onClick={() => setReasonCode(reasonCode === r ? null : r)}
              >
                {r}
              </Text>
            ))}
          </View>
          <DecisionText
            hook="e2e-review-reason-text"
            placeholder={
              reasonCode === '其他' ? '请填写具体原因，学生会看到' : '补充说明（选填），学生会看到'
            }
            maxlength={450}
            value={text}
            error={fields.reason}
            onInput={setText}
          />
        </>
      )}
      {mode === 'approve' && needsOpinions && (
        <>
          <DecisionText
            hook="e2e-review-comment"
            errorHook="e2e-review-comment-error"
            placeholder="学院意见（必填，写入推荐表）"
            maxlength={300}
            value={comment}
            error={fields.comment}
            onInput={setComment}
          />
          <DecisionText
            hook="e2e-review-recommendation"
            errorHook="e2e-review-recommendation-error"
            placeholder="推荐意见（必填，写入推荐表）"
            maxlength={300}
            value={recommendation}
            error={fields.recommendation}
            onInput={setRecommendation}
          />
        </>
      )}
      {mode === 'approve' && !needsOpinions && (
        <Textarea
          className="review-form__text e2e-review-approve-note"
          placeholder="备注（选填）"
          maxlength={450}
          value={text}
          onInput={(e) => setText(e.detail.value)}
        />
      )}
      {error && <Text className="review-form__error e2e-review-error">{error}</Text>}
      <View className="review-form__buttons">
        {mode === null ? (
          <>
            <Button className="btn btn--danger e2e-review-return" onClick={() => setMode('return')}>
              {RETURN_LABELS[kind]}
            </Button>
            <Button className="btn btn--primary e2e-review-approve" onClick={() => setMode('approve')}>
              通过
            </Button>
          </>
        ) : (
          <>
            <Button
              className="btn e2e-review-cancel"
              onClick={() => {
                setMode(null)
                setError(null)
                setFields({})
              }}
            >
              取消
            </Button>
            <Button
              className={`btn ${mode === 'approve' ? 'btn--primary' : 'btn--danger'} e2e-review-confirm`}
              loading={busy}
              disabled={busy}
              onClick={() => void submit()}
            >
              {mode === 'approve' ? '确认通过' : `确认${RETURN_LABELS[kind]}`}
            </Button>
          </>
        )}
      </View>
    </View>
  )
}
