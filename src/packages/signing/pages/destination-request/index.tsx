import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceChips, FormField, KeyValue, Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { type UploadedItem, UploadList } from '../../../../components/upload-list'
import {
  DESTINATION_REQUEST_KIND_LABELS,
  type Destination,
  type DestinationCategory,
  DestinationChangeRequest,
  type DestinationRequestKind,
} from '../../../../contracts/destinations'
import {
  fetchDestinationDefinitions,
  fetchMyDestinations,
  requestDestinationChange,
  withdrawDestinationRequest,
} from '../../../../services/destinations'
import { asApiError } from '../../../../services/request'
import { useSession } from '../../../../services/use-session'
import { shownValue } from '../../destination-form'
import { useSigningLoad } from '../../use-signing-load'
import '../../signing.css'

/**
 * 申请更正 / 申请删除 of an approved destination (the school decides), the requests made and their
 * status; 撤回 while pending. `?id=` the destination, `&kind=` correction | removal preselected.
 */
export default function DestinationRequestPage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const params = useRouter().params
  const id = params.id ?? ''
  const [dest, setDest] = useState<Destination | null>(null)
  const [cat, setCat] = useState<DestinationCategory | null>(null)
  const [missing, setMissing] = useState(false)
  const [kind, setKind] = useState<DestinationRequestKind | null>(
    params.kind === 'correction' || params.kind === 'removal' ? params.kind : null,
  )
  const [changes, setChanges] = useState<Record<string, string>>({})
  const [reason, setReason] = useState('')
  const [proofs, setProofs] = useState<UploadedItem[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const { notBound, loadError, load } = useSigningLoad({
    isStudent,
    read: async () => {
      const [defs, mine] = await Promise.all([
        fetchDestinationDefinitions({ toast: false }),
        fetchMyDestinations({ toast: false }),
      ])
      const d = [mine.current, ...mine.past].find((x) => x?.id === id) ?? null
      setDest(d)
      setMissing(!d)
      setCat(defs.categories.find((c) => c.code === d?.category) ?? null)
    },
  })
  useDidShow(() => void load())

  const submit = async () => {
    if (!dest || !kind || busy) return
    setError(null)
    const changed = Object.fromEntries(
      Object.entries(changes).filter(([k, v]) => v.trim() !== (dest.fields[k] ?? '')),
    )
    const body = DestinationChangeRequest.safeParse({
      kind,
      changes: kind === 'correction' ? changed : {},
      reason,
      proofKeys: proofs.map((p) => p.key),
    })
    if (!body.success) {
      const f: Record<string, string> = {}
      for (const i of body.error.issues) f[String(i.path[0])] ??= i.message
      setErrors(f)
      return
    }
    setErrors({})
    setBusy(true)
    try {
      await requestDestinationChange(dest.id, body.data)
      void Taro.showToast({ title: '已提交，等待学校审核', icon: 'success' })
      setKind(null)
      setChanges({})
      setReason('')
      setProofs([])
      void load()
    } catch (e) {
      const err = asApiError(e, '提交失败，请稍后再试')
      setErrors(err.fields ?? {})
      setError(err.message)
    } finally {
      setBusy(false)
    }
  }

  const withdraw = async (requestId: string) => {
    const ok = await Taro.showModal({ title: '撤回申请', content: '确定撤回这份申请？' })
    if (!ok.confirm) return
    try {
      await withdrawDestinationRequest(requestId)
      void Taro.showToast({ title: '已撤回', icon: 'success' })
      void load()
    } catch (e) {
      setError(asApiError(e, '撤回失败，请稍后再试').message)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '去向变更由学生本人申请' })
  if (gate) return gate
  if (notBound) return <ErrorState message="请先绑定学籍" onRetry={() => void load()} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (missing) return <ErrorState message="找不到这条毕业去向" onRetry={() => Taro.navigateBack()} />
  if (!dest || !cat) return <Loading />

  const pending = dest.requests.find((r) => r.status === 'pending')
  const canRequest = dest.status === 'approved' && !pending
  return (
    <View className="page e2e-dest-request-page">
      <View className="card">
        <View className="sign-status__head">
          <Text className="sign-status__title">{dest.categoryLabel}</Text>
          <StatusTag status={dest.status} className={`sign-tag--${dest.status} e2e-dest-status`}>
            {dest.statusLabel}
          </StatusTag>
        </View>
        {cat.fields.map((f) => (
          <KeyValue key={f.field} k={f.label} v={shownValue(f, dest.fields[f.field])} />
        ))}
      </View>

      {dest.requests.length > 0 && <Text className="sign-section-title">我的申请</Text>}
      {dest.requests.map((r) => (
        <View key={r.id} className="card e2e-dest-request-item">
          <View className="sign-status__head">
            <Text className="sign-row__title">{r.kindLabel}</Text>
            <StatusTag status={r.status} className={`sign-tag--${r.status} e2e-dest-request-status`}>
              {r.statusLabel}
            </StatusTag>
          </View>
          {Object.entries(r.changes).map(([k, c]) => {
            const f = cat.fields.find((x) => x.field === k)
            return (
              <KeyValue
                key={k}
                k={f?.label ?? k}
                v={`${f ? shownValue(f, String(c.old ?? '')) : String(c.old)} → ${f ? shownValue(f, String(c.new ?? '')) : String(c.new)}`}
              />
            )
          })}
          <KeyValue k="申请原因" v={r.reason} />
          {r.returnReason && <KeyValue k="驳回原因" v={r.returnReason} />}
          {r.status === 'pending' && (
            <Button className="btn e2e-dest-request-withdraw" onClick={() => void withdraw(r.id)}>
              撤回
            </Button>
          )}
        </View>
      ))}

      {canRequest && (
        <View className="card e2e-dest-request-form">
          <Text className="sign-status__title">申请变更</Text>
          <ChoiceChips
            name="dest-request-kind"
            options={(['correction', 'removal'] as const).map((k) => ({
              value: k,
              label: DESTINATION_REQUEST_KIND_LABELS[k],
            }))}
            value={kind}
            onChange={setKind}
          />
          {kind === 'correction' &&
            cat.fields
              .filter((f) => f.input !== 'date')
              .map((f) =>
                f.input === 'select' ? (
                  <FormField
                    key={f.field}
                    label={f.label}
                    name={`dest-fix-${f.field}`}
                    error={errors[f.field]}
                  >
                    <ChoiceChips
                      name={`dest-fix-${f.field}`}
                      options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
                      value={changes[f.field] ?? dest.fields[f.field] ?? null}
                      onChange={(v) => setChanges((c) => ({ ...c, [f.field]: v ?? '' }))}
                    />
                  </FormField>
                ) : (
                  <TextField
                    key={f.field}
                    label={f.label}
                    name={`dest-fix-${f.field}`}
                    value={changes[f.field] ?? dest.fields[f.field] ?? ''}
                    onInput={(v) => setChanges((c) => ({ ...c, [f.field]: v }))}
                    error={errors[f.field]}
                    maxlength={f.maxLength}
                    inputClassName={`e2e-dest-fix-${f.field}`}
                  />
                ),
              )}
          {kind && (
            <>
              <FormField label="申请原因" name="dest-request-reason" error={errors.reason ?? errors.changes}>
                <Textarea
                  className="form-field__textarea e2e-dest-request-reason"
                  value={reason}
                  maxlength={500}
                  placeholder={kind === 'removal' ? '如：已改为签约就业' : '如：录取专业填写有误'}
                  onInput={(e) => setReason(e.detail.value)}
                />
              </FormField>
              <UploadList
                label="证明材料"
                name="dest-request-proofs"
                items={proofs}
                max={5}
                optional
                error={errors.proofKeys}
                onChange={setProofs}
              />
              {error && <Notice kind="error" lines={[error]} className="e2e-dest-error" />}
              <Button
                className="btn btn--primary e2e-dest-request-submit"
                loading={busy}
                onClick={() => void submit()}
              >
                提交申请
              </Button>
            </>
          )}
        </View>
      )}
      {!canRequest && error && <Notice kind="error" lines={[error]} className="e2e-dest-error" />}
    </View>
  )
}
