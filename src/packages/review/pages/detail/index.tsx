import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  AlreadyDecidedDetails,
  DecisionRequest,
  type DiffRow,
  RETURN_LABELS,
  RETURN_REASONS,
  REVIEW_KIND_LABELS,
  type ReviewDetail,
  ReviewKind,
} from '../../../../contracts/reviews'
import { formatRelative } from '../../../../services/format'
import { apiUrl, asApiError } from '../../../../services/request'
import { decideReviewItem, fetchReviewDetail } from '../../../../services/reviews'
import { useSession } from '../../../../services/use-session'
import '../../review.css'

function Row({ r }: { r: DiffRow }) {
  return (
    <View
      className={`review-row e2e-review-row ${r.changed ? 'review-row--changed e2e-review-row-changed' : ''}`}
    >
      <Text className="review-row__label">
        {r.label}
        {r.locked && <Text className="review-row__lock">锁定</Text>}
        {r.changed && <Text className="review-row__lock">已修改</Text>}
      </Text>
      {r.changed && <Text className="review-row__before e2e-review-row-before">{r.before ?? '（空）'}</Text>}
      <Text className={`review-row__value e2e-review-row-after ${r.after ? '' : 'review-row__empty'}`}>
        {r.after ?? '未填写'}
      </Text>
    </View>
  )
}

/** A proof file: images previewed, PDFs downloaded and opened (H5: a new tab). */
async function openProof(url: string, name: string): Promise<void> {
  const full = url.startsWith('/') ? apiUrl(url) : url
  if (process.env.TARO_ENV === 'h5') {
    window.open(full, '_blank')
    return
  }
  if (/\.(jpg|png)$/i.test(name)) {
    await Taro.previewImage({ urls: [full] })
    return
  }
  const file = await Taro.downloadFile({ url: full })
  await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf' })
}

/** Who already decided it: the 409's details, shown until the page reloads. */
interface Conflict {
  statusLabel: string
  decidedAt: string | null
}

function DecisionForm(props: {
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
          <Textarea
            className="review-form__text e2e-review-reason-text"
            placeholder={
              reasonCode === '其他' ? '请填写具体原因，学生会看到' : '补充说明（选填），学生会看到'
            }
            maxlength={450}
            value={text}
            onInput={(e) => setText(e.detail.value)}
          />
          {fields.reason && <Text className="review-form__error">{fields.reason}</Text>}
        </>
      )}
      {mode === 'approve' && needsOpinions && (
        <>
          <Textarea
            className="review-form__text e2e-review-comment"
            placeholder="学院意见（必填，写入推荐表）"
            maxlength={300}
            value={comment}
            onInput={(e) => setComment(e.detail.value)}
          />
          {fields.comment && (
            <Text className="review-form__error e2e-review-comment-error">{fields.comment}</Text>
          )}
          <Textarea
            className="review-form__text e2e-review-recommendation"
            placeholder="推荐意见（必填，写入推荐表）"
            maxlength={300}
            value={recommendation}
            onInput={(e) => setRecommendation(e.detail.value)}
          />
          {fields.recommendation && (
            <Text className="review-form__error e2e-review-recommendation-error">
              {fields.recommendation}
            </Text>
          )}
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

/**
 * One item of the workbench: who and what, its kind's diff (changed rows highlighted, locked fields
 * marked), the student's reason and proofs, the full trail, and — while it awaits a decision and the
 * caller may decide — 通过 / 退回 (驳回) with the reason list and free text. A decision another
 * reviewer made first shows "已被其他老师处理" with the state now, and the page reloads.
 */
export default function ReviewDetailPage() {
  const session = useSession()
  const params = useRouter().params
  const kind = ReviewKind.safeParse(params.kind)
  const id = params.id ?? ''
  const [detail, setDetail] = useState<ReviewDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)
  const allowed = session?.user.role === 'school_staff' || session?.user.role === 'platform_admin'

  const load = async () => {
    if (!kind.success || !id) {
      setError('链接无效')
      return
    }
    setError(null)
    try {
      setDetail(await fetchReviewDetail(kind.data, id))
    } catch (e) {
      setError(asApiError(e, '加载失败').message)
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per item
  useEffect(() => {
    if (allowed) void load()
  }, [allowed, id, params.kind])

  const gate = roleGate(session, ['school_staff', 'platform_admin'], { title: '仅学校老师可用' })
  if (gate) return gate
  if (error) return <ErrorState message={error} onRetry={() => void load()} />
  if (!detail) return <Loading />
  const i = detail.item
  return (
    <View className="page e2e-review-detail">
      <View className="card">
        <View className="review-item__head">
          <Text className="review-item__name e2e-review-detail-name">{i.studentName}</Text>
          <StatusTag
            status={i.awaiting ? 'pending' : i.status === 'approved' ? 'done' : 'failed'}
            className="e2e-review-detail-status"
          >
            {i.statusLabel}
          </StatusTag>
        </View>
        <Text className="review-item__summary">
          {REVIEW_KIND_LABELS[i.kind]} · {i.summary}
        </Text>
        <Text className="review-item__meta">
          {i.studentNumber} · {i.college} · {i.major} · {i.graduationYear}届
        </Text>
        <Text className="review-item__meta">提交于 {formatRelative(i.submittedAt)}</Text>
      </View>

      {detail.sections.map((s) => (
        <View key={s.title} className="card e2e-review-section">
          <Text className="review-section__title">{s.title}</Text>
          {s.rows.map((r) => (
            <Row key={r.field} r={r} />
          ))}
        </View>
      ))}

      {detail.studentReason && (
        <Notice
          kind="info"
          title="学生填写的原因"
          lines={[detail.studentReason]}
          className="e2e-review-student-reason"
        />
      )}

      {detail.proofs.length > 0 && (
        <View className="card e2e-review-proofs">
          <Text className="review-section__title">证明材料</Text>
          {detail.proofs.map((p) => (
            <Text
              key={p.name}
              className="review-proof e2e-review-proof"
              onClick={() =>
                void openProof(p.url, p.name).catch(() =>
                  Taro.showToast({ title: '文件打开失败', icon: 'none' }),
                )
              }
            >
              {p.name}
            </Text>
          ))}
        </View>
      )}

      {conflict && (
        <Notice
          kind="warn"
          className="e2e-review-conflict"
          title="已被其他老师处理"
          lines={[
            `当前状态：${conflict.statusLabel}`,
            conflict.decidedAt ? `处理时间：${formatRelative(conflict.decidedAt)}` : null,
          ]}
        />
      )}

      {detail.decidable && (
        <DecisionForm
          key={`${i.id}:${i.status}`}
          detail={detail}
          onDecided={() => void load()}
          onConflict={(c) => {
            setConflict(c)
            void load()
          }}
        />
      )}

      <View className="card e2e-review-trail">
        <Text className="review-section__title">审核记录</Text>
        {detail.trail.map((t) => (
          <View key={t.id} className="review-trail__entry e2e-review-trail-entry">
            <View className="review-trail__head">
              <Text>
                {t.actionLabel}
                {t.actorName ? ` · ${t.actorName}` : ''}
              </Text>
              <Text className="review-trail__at">{formatRelative(t.at)}</Text>
            </View>
            {t.reason && <Text className="review-trail__reason">原因：{t.reason}</Text>}
          </View>
        ))}
      </View>
    </View>
  )
}
