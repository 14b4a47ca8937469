import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { issuesToFields, KeyValue, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import { type UploadedItem, UploadList } from '../../../../components/upload-list'
import {
  OFFLINE_FIELD_LABELS,
  type OfflineAgreement,
  type OfflineField,
  OfflineFields,
} from '../../../../contracts/agreement-offline'
import { asApiError } from '../../../../services/request'
import { fieldsUnder } from '../../../../services/signing'
import {
  attachScans,
  discardOffline,
  downloadAgreementPdf,
  fetchOffline,
  generateOffline,
  listMyOffline,
  saveOffline,
  submitOffline,
} from '../../../../services/signing-offline'
import { useSession } from '../../../../services/use-session'
import {
  emptyValues,
  fieldsOf,
  OfflineForm,
  type OfflineValues,
  OfflineView,
  previewOf,
  refusalText,
  valuesOf,
} from '../../offline-form'
import { useSigningLoad } from '../../use-signing-load'
import '../../signing.css'

type Busy = 'save' | 'generate' | 'discard' | 'submit' | 'pdf' | null

/**
 * 录入协议 (线下签约): the entry form (保存草稿, 预览, 生成协议 — immutable once generated), then
 * 下载协议 PDF to sign and stamp, 上传盖章扫描件, 提交审核; returned: the reason, new scans, 重新提交.
 */
export default function OfflinePage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const routeId = useRouter().params.id ?? null
  const [a, setA] = useState<OfflineAgreement | null>(null)
  const [loaded, setLoaded] = useState(false)
  const [values, setValues] = useState<OfflineValues>(emptyValues())
  const [scans, setScans] = useState<UploadedItem[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [preview, setPreview] = useState(false)
  const [busy, setBusy] = useState<Busy>(null)

  const show = (x: OfflineAgreement | null) => {
    setA(x)
    if (x) {
      setValues(valuesOf(x))
      setScans(x.scans.map((s) => ({ key: s.key, name: s.name })))
    }
    setLoaded(true)
  }
  const { notBound, loadError, load } = useSigningLoad({
    isStudent,
    read: async () => {
      if (routeId) return show(await fetchOffline(routeId, { toast: false }))
      const list = await listMyOffline({ toast: false })
      show(list.items.find((x) => x.status === 'draft') ?? null)
    },
  })
  useDidShow(() => void load())

  const fail = (e: unknown) => {
    const err = asApiError(e, '操作失败，请稍后再试')
    const f = fieldsUnder(err.fields, 'fields')
    setErrors(f)
    if (Object.keys(f).length > 0) setPreview(false)
    setMessage(refusalText(err))
  }
  const run = async (what: Busy, fn: () => Promise<OfflineAgreement>, done?: string) => {
    if (busy) return
    setMessage(null)
    setBusy(what)
    try {
      const next = await fn()
      show(next)
      setErrors({})
      if (done) void Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      fail(e)
    } finally {
      setBusy(null)
    }
  }

  const checked = (): OfflineFields | null => {
    const parsed = OfflineFields.safeParse(fieldsOf(values))
    if (!parsed.success) {
      setErrors(issuesToFields(parsed.error.issues))
      // the errors show on the form, not in the preview
      setPreview(false)
      return null
    }
    return parsed.data
  }
  const save = () => {
    const f = checked()
    if (f) void run('save', () => saveOffline(a?.id ?? null, f), '草稿已保存')
  }
  const generate = async () => {
    const f = checked()
    if (!f) return
    const ok = await Taro.showModal({
      title: '生成协议',
      content: '生成后不可修改，如需更改只能办理解约。请确认已与单位核对无误。',
    })
    if (!ok.confirm) return
    void run(
      'generate',
      async () => {
        const saved = await saveOffline(a?.id ?? null, f)
        return generateOffline(saved.id)
      },
      '协议已生成',
    )
  }
  const discard = async () => {
    if (!a) return
    const ok = await Taro.showModal({ title: '删除草稿', content: '确定删除这份协议草稿？' })
    if (ok.confirm) void run('discard', () => discardOffline(a.id), '草稿已删除')
  }
  const submit = () => {
    if (!a) return
    if (scans.length === 0) {
      setErrors({ scanKeys: '请上传盖章扫描件' })
      return
    }
    const keys = scans.map((s) => s.key)
    const same = keys.join() === a.scans.map((s) => s.key).join()
    void run(
      'submit',
      async () => {
        if (!same) await attachScans(a.id, keys)
        return submitOffline(a.id)
      },
      a.status === 'returned' ? '已重新提交' : '已提交审核',
    )
  }
  const pdf = async () => {
    if (!a || busy) return
    setBusy('pdf')
    try {
      await downloadAgreementPdf(a)
    } catch {
      void Taro.showToast({ title: '下载失败，请稍后再试', icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '线下签约面向学生' })
  if (gate) return gate
  if (notBound) return <ErrorState message="请先绑定学籍" onRetry={() => void load()} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!loaded) return <Loading />

  const editing = !a || a.status === 'draft'
  const scanning = a && (a.status === 'generated' || a.status === 'returned')
  const missingText = a?.missing.length
    ? a.missing.map((m: OfflineField) => OFFLINE_FIELD_LABELS[m]).join('、')
    : null
  return (
    <View className="page e2e-offline-page">
      {a && (
        <View className="card">
          <View className="sign-status__head">
            <Text className="sign-status__title">{a.blank ? '空白协议' : '线下签约协议'}</Text>
            <StatusTag status={a.status} className={`sign-tag--${a.status} e2e-offline-status`}>
              {a.statusLabel}
            </StatusTag>
          </View>
          <KeyValue k="协议编号" v={a.number} />
        </View>
      )}
      {a?.status === 'returned' && a.returnReason && (
        <Notice
          kind="warn"
          title="学校已退回"
          lines={[a.returnReason, '请按要求重新上传扫描件后再提交。']}
          className="e2e-offline-returned"
        />
      )}

      {editing && !preview && (
        <View className="card">
          <Text className="sign-note">按与单位约定的内容填写；不确定的可先保存草稿，核实后再生成协议。</Text>
          <OfflineForm
            values={values}
            errors={errors}
            onChange={(f, v) => setValues((x) => ({ ...x, [f]: v }))}
          />
        </View>
      )}
      {editing && preview && (
        <View className="card e2e-offline-preview">
          <Text className="sign-section-title">协议预览</Text>
          <OfflineView a={{ blank: false, fields: previewOf(values) }} />
          {missingText && <Text className="sign-note">尚未填写：{missingText}</Text>}
        </View>
      )}
      {!editing && a && (
        <View className="card">
          <OfflineView a={a} />
        </View>
      )}

      {scanning && a.pdfUrl && (
        <Button
          className="btn btn--secondary e2e-offline-pdf"
          loading={busy === 'pdf'}
          onClick={() => void pdf()}
        >
          下载协议 PDF
        </Button>
      )}
      {a && !editing && (
        <View className="card">
          <UploadList
            label="盖章扫描件"
            name="offline-scans"
            items={scans}
            max={6}
            onChange={setScans}
            note="打印协议签字后，找单位盖章，拍照或扫描上传（图片或 PDF，5MB 以内）"
            error={errors.scanKeys}
            disabled={!scanning}
          />
        </View>
      )}

      {message && <Notice kind="error" lines={[message]} className="e2e-offline-error" />}

      {editing && (
        <View className="sign-actions">
          {a && (
            <Button
              className="btn btn--danger e2e-offline-discard"
              disabled={!!busy}
              onClick={() => void discard()}
            >
              删除
            </Button>
          )}
          <Button
            className="btn btn--secondary e2e-offline-save"
            loading={busy === 'save'}
            disabled={!!busy}
            onClick={save}
          >
            保存草稿
          </Button>
          <Button
            className="btn btn--secondary e2e-offline-preview-toggle"
            disabled={!!busy}
            onClick={() => setPreview((p) => !p)}
          >
            {preview ? '返回修改' : '预览'}
          </Button>
          <Button
            className="btn btn--primary e2e-offline-generate"
            loading={busy === 'generate'}
            disabled={!!busy}
            onClick={() => void generate()}
          >
            生成协议
          </Button>
        </View>
      )}
      {scanning && (
        <Button
          className="btn btn--primary e2e-offline-submit"
          loading={busy === 'submit'}
          disabled={!!busy}
          onClick={submit}
        >
          {a.status === 'returned' ? '重新提交' : '提交审核'}
        </Button>
      )}
    </View>
  )
}
