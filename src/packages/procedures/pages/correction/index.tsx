import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import {
  type Correction,
  FileCorrectionRequest,
  type SourceInfo,
  type SourceInfoField,
} from '../../../../contracts/procedures'
import {
  fetchSourceInfo,
  fileCorrection,
  listCorrections,
  uploadProof,
  withdrawCorrection,
} from '../../../../services/procedures'
import { asApiError } from '../../../../services/request'
import { SOURCE_INFO_PAGE } from '../../../../services/routes'
import { askToSubscribe } from '../../../../services/subscriptions'
import { useSession } from '../../../../services/use-session'
import { ChangeRows, FieldPicker } from '../../correction-changes'
import { CorrectionItem } from '../../correction-item'
import { ReasonField } from '../../correction-reason'
import {
  ALL_FIELDS,
  currentValue,
  type Errors,
  formErrors,
  MAX_PROOFS,
  type Proof,
  validateCorrection,
} from '../../correction-rules'
import { checkField, formValue, isLocked, toSent } from '../../fields'
import { NotBound } from '../../not-bound'
import { PickError, pickProof } from '../../pick-proof'
import { ProofField } from '../../proof-field'
import { useProcedureLoad } from '../../use-procedure-load'
import '../../procedures.css'

/** 信息纠错: pick the fields to change, the current value beside the new one, a reason and proofs; my requests below. */
export default function CorrectionPage() {
  const session = useSession()
  const [info, setInfo] = useState<SourceInfo | null>(null)
  const [items, setItems] = useState<Correction[] | null>(null)
  const [chosen, setChosen] = useState<SourceInfoField[]>([])
  const [values, setValues] = useState<Partial<Record<SourceInfoField, string>>>({})
  const [reason, setReason] = useState('')
  const [proofs, setProofs] = useState<Proof[]>([])
  const [errors, setErrors] = useState<Errors>({})
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState<'submit' | 'upload' | 'withdraw' | null>(null)
  const isStudent = session?.user.role === 'student'

  const { notBound, loadError, load } = useProcedureLoad({
    isStudent,
    subscriptions: true,
    read: async () => {
      const [i, list] = await Promise.all([
        fetchSourceInfo({ toast: false }),
        listCorrections({ toast: false }),
      ])
      setInfo(i)
      setItems(list.items)
    },
  })
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

  const submit = async () => {
    if (!info || busy) return
    // first in the tap, before any await: WeChat asks only inside the gesture
    void askToSubscribe('procedure')
    setMessage(null)
    const bad = validateCorrection(info, { chosen, values, reason, proofs })
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
  if (notBound) return <NotBound hint="绑定学籍并通过生源信息审核后可申请纠错。" bind={false} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!info || !items) return <Loading />

  return (
    <View className="page e2e-corr-page">
      {info.status !== 'approved' ? (
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
          <FieldPicker
            chosen={chosen}
            pending={new Set<string>(info.pendingFields)}
            error={errors.fields}
            onToggle={toggle}
          />
          {chosen.length > 0 && (
            <ChangeRows
              info={info}
              chosen={chosen}
              values={values}
              errors={errors}
              onToggle={toggle}
              onChange={setValue}
            />
          )}
          <View className="card">
            <ReasonField
              value={reason}
              error={errors.reason}
              onInput={(v) => {
                setReason(v)
                if (errors.reason) setErrors((x) => ({ ...x, reason: undefined }))
              }}
            />
            <ProofField
              proofs={proofs}
              required={chosen.some(isLocked)}
              error={errors.proofs}
              uploading={busy === 'upload'}
              disabled={!!busy}
              onAdd={(from) => void addProof(from)}
              onRemove={(key) => setProofs(proofs.filter((x) => x.key !== key))}
            />
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
