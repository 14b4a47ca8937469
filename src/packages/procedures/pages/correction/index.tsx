import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { CharCounter } from '../../../../components/char-counter'
import { FormField, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  CORRECTION_STATUS_LABELS,
  type Correction,
  FileCorrectionRequest,
  type SourceInfo,
  type SourceInfoField,
} from '../../../../contracts/procedures'
import { formatRelative } from '../../../../services/format'
import {
  fetchSourceInfo,
  fileCorrection,
  listCorrections,
  uploadProof,
  withdrawCorrection,
} from '../../../../services/procedures'
import { asApiError } from '../../../../services/request'
import { SOURCE_INFO_PAGE } from '../../../../services/routes'
import { askToSubscribe, loadSubscriptions } from '../../../../services/subscriptions'
import { useSession } from '../../../../services/use-session'
import { FieldControl } from '../../field-control'
import {
  apiFieldErrors,
  checkField,
  displayValue,
  EDITABLE_FIELDS,
  formValue,
  isLocked,
  LOCKED_FIELDS,
  label,
  toSent,
} from '../../fields'
import { PickError, pickProof } from '../../pick-proof'
import { PendingMark } from '../../status-banner'
import '../../procedures.css'

const REASON_MAX = 500
const MAX_PROOFS = 5
const ALL_FIELDS: SourceInfoField[] = [...LOCKED_FIELDS, ...EDITABLE_FIELDS]

type Errors = Partial<Record<string, string>>
interface Proof {
  key: string
  name: string
}

function currentValue(info: SourceInfo, f: SourceInfoField) {
  return isLocked(f)
    ? info.locked[f as keyof SourceInfo['locked']]
    : info.editable[f as keyof SourceInfo['editable']]
}

/** The API's field keys (`changes.phone`, `proofKeys`, `changes`) as this form's. */
function formErrors(fields: Record<string, string> | undefined): Errors {
  const out: Errors = {}
  for (const [k, v] of Object.entries(apiFieldErrors(fields, 'changes'))) {
    const key = k.startsWith('proofKeys') ? 'proofs' : k === 'changes' ? 'fields' : k
    out[key] ??= v
  }
  return out
}

function CorrectionItem(props: { item: Correction; onWithdraw: (id: string) => void; busy: boolean }) {
  const c = props.item
  return (
    <View className={`card corr-item e2e-corr-item e2e-corr-item-${c.status}`}>
      <View className="corr-item__head">
        <Text className="corr-item__muted">{formatRelative(c.createdAt)} 提交</Text>
        <StatusTag status={c.status} className={`proc-tag--${c.status} e2e-corr-status`}>
          {CORRECTION_STATUS_LABELS[c.status]}
        </StatusTag>
      </View>
      {c.changes.map((ch) => (
        <Text key={ch.field} className="corr-item__line e2e-corr-change">
          {label(ch.field)}：{displayValue(ch.field, ch.old)} → {displayValue(ch.field, ch.new)}
        </Text>
      ))}
      <Text className="corr-item__muted">纠错原因：{c.reason}</Text>
      {c.proofs.length > 0 && (
        <Text className="corr-item__muted">证明材料：{c.proofs.map((p) => p.name).join('、')}</Text>
      )}
      {c.rejectReason && (
        <Text className="corr-item__reject e2e-corr-reject-reason">驳回原因：{c.rejectReason}</Text>
      )}
      {c.decidedAt && <Text className="corr-item__muted">{formatRelative(c.decidedAt)} 审核</Text>}
      {c.status === 'pending' && (
        <Button
          className="btn btn--danger e2e-corr-withdraw"
          disabled={props.busy}
          onClick={() => props.onWithdraw(c.id)}
        >
          撤回
        </Button>
      )}
    </View>
  )
}

/** 信息纠错: pick the fields to change, the current value beside the new one, a reason and proofs; my requests below. */
export default function CorrectionPage() {
  const session = useSession()
  const [info, setInfo] = useState<SourceInfo | null>(null)
  const [items, setItems] = useState<Correction[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [notBound, setNotBound] = useState(false)
  const [chosen, setChosen] = useState<SourceInfoField[]>([])
  const [values, setValues] = useState<Partial<Record<SourceInfoField, string>>>({})
  const [reason, setReason] = useState('')
  const [proofs, setProofs] = useState<Proof[]>([])
  const [errors, setErrors] = useState<Errors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<'submit' | 'upload' | 'withdraw' | null>(null)
  const isStudent = session?.user.role === 'student'

  const load = async () => {
    if (!isStudent) return
    setLoadError(null)
    void loadSubscriptions()
    try {
      const [i, list] = await Promise.all([
        fetchSourceInfo({ toast: false }),
        listCorrections({ toast: false }),
      ])
      setInfo(i)
      setItems(list.items)
    } catch (e) {
      const err = asApiError(e, '加载失败，请稍后再试')
      if (err.status === 404) setNotBound(true)
      else setLoadError(err.message)
    }
  }
  useDidShow(() => void load())

  const toggle = (f: SourceInfoField) => {
    if (!info || info.pendingFields.includes(f)) return
    if (chosen.includes(f)) {
      setChosen(chosen.filter((c) => c !== f))
      setErrors((e) => ({ ...e, [f]: undefined }))
      return
    }
    setChosen(ALL_FIELDS.filter((c) => c === f || chosen.includes(c)))
    setValues((v) => ({ ...v, [f]: v[f] ?? formValue(currentValue(info, f)) }))
  }

  const setValue = (f: SourceInfoField, v: string) => {
    setValues((all) => ({ ...all, [f]: v }))
    setErrors((e) => ({ ...e, [f]: checkField(f, v) }))
  }

  const addProof = async (from: 'photo' | 'chat') => {
    if (busy) return
    if (proofs.length >= MAX_PROOFS) {
      setErrors((e) => ({ ...e, proofs: `最多上传 ${MAX_PROOFS} 份证明材料` }))
      return
    }
    let picked: Awaited<ReturnType<typeof pickProof>>
    try {
      picked = await pickProof(from)
    } catch (e) {
      setErrors((x) => ({ ...x, proofs: e instanceof PickError ? e.message : '无法读取文件' }))
      return
    }
    if (!picked) return
    setBusy('upload')
    try {
      const uploaded = await uploadProof(picked.path, picked.name)
      setProofs((p) => [...p, uploaded])
      setErrors((x) => ({ ...x, proofs: undefined }))
    } catch {
      // the wrapper toasted why (type, size, network)
    } finally {
      picked.release()
      setBusy(null)
    }
  }

  const validate = (): Errors | null => {
    if (!info) return null
    const out: Errors = {}
    if (chosen.length === 0) out.fields = '请至少选择一项要纠正的信息'
    for (const f of chosen) {
      const v = (values[f] ?? '').trim()
      const bad = checkField(f, v)
      if (v === '') out[f] = `请填写新的${label(f)}`
      else if (bad) out[f] = bad
      else if (String(toSent(f, v)) === formValue(currentValue(info, f))) out[f] = '与当前信息相同'
    }
    const r = reason.trim()
    if (r.length < 2) out.reason = '请填写纠错原因'
    else if (Array.from(r).length > REASON_MAX) out.reason = `纠错原因最多 ${REASON_MAX} 字`
    if (chosen.some(isLocked) && proofs.length === 0) out.proofs = '修改学校上报的信息需上传证明材料'
    return Object.keys(out).length ? out : null
  }

  const submit = async () => {
    if (!info || busy) return
    // first in the tap, before any await: WeChat asks only inside the gesture
    void askToSubscribe('procedure')
    setMessage(null)
    const bad = validate()
    if (bad) {
      setErrors(bad)
      setMessage('请按提示修改后再提交')
      return
    }
    const changes: Record<string, string | number> = {}
    for (const f of chosen) changes[f] = toSent(f, values[f] ?? '')
    const body = FileCorrectionRequest.safeParse({
      changes,
      reason: reason.trim(),
      proofKeys: proofs.map((p) => p.key),
    })
    if (!body.success) {
      setErrors(formErrors(Object.fromEntries(body.error.issues.map((i) => [i.path.join('.'), i.message]))))
      return
    }
    setErrors({})
    setBusy('submit')
    try {
      const filed = await fileCorrection(body.data)
      setItems((list) => [filed, ...(list ?? [])])
      setChosen([])
      setValues({})
      setReason('')
      setProofs([])
      void Taro.showToast({ title: '已提交', icon: 'success' })
      void load()
    } catch (e) {
      const err = asApiError(e, '提交失败，请稍后再试')
      setErrors(formErrors(err.fields))
      setMessage(err.message)
      if (err.status === 409) void load()
    } finally {
      setBusy(null)
    }
  }

  const withdraw = async (id: string) => {
    if (busy) return
    const { confirm } = await Taro.showModal({ title: '撤回纠错', content: '确定撤回这条纠错申请吗？' })
    if (!confirm) return
    setBusy('withdraw')
    try {
      const c = await withdrawCorrection(id)
      setItems((list) => (list ?? []).map((x) => (x.id === c.id ? c : x)))
      void load()
    } catch {
      // the wrapper toasted why
    } finally {
      setBusy(null)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '就业手续面向学生' })
  if (gate) return gate
  if (notBound)
    return (
      <View className="page">
        <EmptyState title="请先绑定学籍" hint="绑定学籍并通过生源信息审核后可申请纠错。" />
      </View>
    )
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!info || !items) return <Loading />

  const open = info.status === 'approved'
  const pending = new Set<string>(info.pendingFields)
  const wantsProof = chosen.some(isLocked)
  return (
    <View className="page e2e-corr-page">
      {!open ? (
        <Notice
          kind="info"
          className="e2e-corr-closed"
          title="生源信息审核通过后才能申请纠错"
          lines={['审核通过前，可直接在生源信息核对中修改本人填写的信息。']}
        >
          <Text className="link" onClick={() => Taro.navigateTo({ url: SOURCE_INFO_PAGE })}>
            去生源信息核对
          </Text>
        </Notice>
      ) : (
        <>
          <View className="section-title">
            <Text>选择要纠正的信息</Text>
          </View>
          <Text className="proc-note">
            学校上报的信息（性别、院系、专业等）需附证明材料；本人填写的信息写明原因即可。
          </Text>
          {message && <Notice kind="error" className="e2e-corr-error" lines={[message]} />}
          <View className="card">
            {ALL_FIELDS.map((f) => (
              <View
                key={f}
                className={`corr-pick e2e-corr-pick-${f} ${chosen.includes(f) ? 'corr-pick--on' : ''}`}
                onClick={() => toggle(f)}
              >
                <Text>
                  {label(f)}
                  {isLocked(f) ? '（学校上报）' : ''}
                </Text>
                {pending.has(f) ? (
                  <PendingMark />
                ) : (
                  <Text className="corr-pick__box">{chosen.includes(f) ? '已选 ✓' : '选择'}</Text>
                )}
              </View>
            ))}
            {errors.fields && (
              <Text className="form-field__error e2e-corr-fields-error">{errors.fields}</Text>
            )}
          </View>

          {chosen.length > 0 && (
            <View className="card e2e-corr-changes">
              {chosen.map((f) => (
                <View key={f} className="corr-change">
                  <View className="corr-change__head">
                    <Text>{label(f)}</Text>
                    <Text className="link" onClick={() => toggle(f)}>
                      不改了
                    </Text>
                  </View>
                  <View className="corr-change__cols">
                    <View className="corr-change__old">
                      <Text className="corr-change__caption">当前</Text>
                      <Text className={`e2e-corr-old-${f}`}>{displayValue(f, currentValue(info, f))}</Text>
                    </View>
                    <View className="corr-change__new">
                      <FieldControl
                        field={f}
                        title="改为"
                        hook={`e2e-corr-field-${f}`}
                        value={values[f] ?? ''}
                        error={errors[f]}
                        onChange={(v) => setValue(f, v)}
                      />
                    </View>
                  </View>
                </View>
              ))}
            </View>
          )}

          <View className="card">
            <FormField label="纠错原因" name="corr-reason" error={errors.reason}>
              <Textarea
                className="form-field__textarea e2e-corr-reason"
                placeholder="说明哪里有误、正确的信息以什么为准"
                value={reason}
                maxlength={REASON_MAX}
                onInput={(e) => {
                  setReason(e.detail.value)
                  if (errors.reason) setErrors((x) => ({ ...x, reason: undefined }))
                }}
              />
              <CharCounter text={reason} max={REASON_MAX} min={2} className="e2e-corr-reason-count" />
            </FormField>
            <FormField
              label={`证明材料（${proofs.length}/${MAX_PROOFS}）`}
              name="corr-proofs"
              optional={!wantsProof}
              error={errors.proofs}
            >
              {wantsProof && (
                <Text className="proc-note e2e-corr-proof-note">
                  修改学校上报的信息需上传证明材料（图片或 PDF，5MB 以内）
                </Text>
              )}
              {proofs.map((p) => (
                <View key={p.key} className="corr-proof e2e-corr-proof-item">
                  <Text>{p.name}</Text>
                  <Text className="link" onClick={() => setProofs(proofs.filter((x) => x.key !== p.key))}>
                    移除
                  </Text>
                </View>
              ))}
              <View className="corr-proof__actions">
                <Button
                  className="btn btn--secondary e2e-corr-proof"
                  loading={busy === 'upload'}
                  disabled={!!busy || proofs.length >= MAX_PROOFS}
                  onClick={() => void addProof('photo')}
                >
                  {process.env.TARO_ENV === 'h5' ? '上传文件' : '拍照或相册'}
                </Button>
                {process.env.TARO_ENV !== 'h5' && (
                  <Button
                    className="btn btn--secondary e2e-corr-proof-chat"
                    disabled={!!busy || proofs.length >= MAX_PROOFS}
                    onClick={() => void addProof('chat')}
                  >
                    聊天中的文件
                  </Button>
                )}
              </View>
            </FormField>
          </View>
          <View className="proc-actions">
            <Button
              className="btn btn--primary e2e-corr-submit"
              loading={busy === 'submit'}
              disabled={!!busy}
              onClick={() => void submit()}
            >
              提交纠错申请
            </Button>
          </View>
        </>
      )}

      <View className="section-title">
        <Text>我的纠错申请</Text>
      </View>
      {items.length === 0 ? (
        <Text className="proc-note e2e-corr-empty">还没有纠错申请</Text>
      ) : (
        items.map((c) => (
          <CorrectionItem key={c.id} item={c} busy={!!busy} onWithdraw={(id) => void withdraw(id)} />
        ))
      )}
    </View>
  )
}
