import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { ChoiceChips, KeyValue, labelOptions, Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { ErrorState, Loading } from '../../../../components/state-views'
import { StatusTag } from '../../../../components/status-tag'
import {
  DESTINATION_GROUP_LABELS,
  type Destination,
  type DestinationCategory,
  type DestinationGroup,
} from '../../../../contracts/destinations'
import {
  fetchDestinationDefinitions,
  fetchMyDestinations,
  removeDestination,
  saveDestination,
} from '../../../../services/destinations'
import { asApiError } from '../../../../services/request'
import { SIGNING_DESTINATION_REQUEST_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import {
  checkDraft,
  type DestinationDraft,
  DestinationForm,
  draftOf,
  shownValue,
} from '../../destination-form'
import { useSigningLoad } from '../../use-signing-load'
import '../../signing.css'

type Step = 'view' | 'group' | 'category' | 'form'
const UNREVIEWED = ['draft', 'submitted', 'returned']

/**
 * 毕业去向登记 (就业信息上报): the guided choice — the group (已就业 / 升学 / 出国出境 /
 * 暂不就业), then the category (毕业去向分类) — and the form built from its definitions; 保存 or
 * 提交审核. The current destination with its status: 编辑 / 删除 while unreviewed, 申请更正 / 申请删除
 * once approved (the school decides those).
 */
export default function DestinationPage() {
  const session = useSession()
  const isStudent = session?.user.role === 'student'
  const [cats, setCats] = useState<DestinationCategory[] | null>(null)
  const [current, setCurrent] = useState<Destination | null>(null)
  const [step, setStep] = useState<Step>('view')
  const [group, setGroup] = useState<DestinationGroup | null>(null)
  const [category, setCategory] = useState<DestinationCategory | null>(null)
  const [draft, setDraft] = useState<DestinationDraft>({ fields: {}, proofs: {} })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'save' | 'submit' | 'remove' | null>(null)

  const { notBound, loadError, load } = useSigningLoad({
    isStudent,
    read: async () => {
      const [defs, mine] = await Promise.all([
        fetchDestinationDefinitions({ toast: false }),
        fetchMyDestinations({ toast: false }),
      ])
      setCats(defs.categories)
      setCurrent(mine.current)
      setStep((s) => (s === 'view' && !mine.current ? 'group' : s))
    },
  })
  useDidShow(() => void load())

  const pick = (c: DestinationCategory) => {
    setCategory(c)
    const same = current && current.category === c.code
    setDraft(draftOf(c, same ? current.fields : {}, same ? current.proofKeys : {}))
    setErrors({})
    setError(null)
    setStep('form')
  }

  const edit = () => {
    const c = cats?.find((x) => x.code === current?.category)
    if (!c || !current) return
    setGroup(c.group)
    pick(c)
  }

  const save = async (submit: boolean) => {
    if (!category || busy) return
    setError(null)
    const checked = checkDraft(category, draft, submit)
    if (!checked.ok) {
      setErrors(checked.errors)
      setError(submit ? '请填写完整后再提交' : '填写的信息有误')
      return
    }
    setErrors({})
    setBusy(submit ? 'submit' : 'save')
    try {
      const d = await saveDestination(current?.id ?? null, {
        category: category.code,
        fields: checked.input.fields,
        proofKeys: checked.input.proofKeys,
        submit,
      })
      setCurrent(d)
      setStep('view')
      void Taro.showToast({ title: submit ? '已提交，等待学校审核' : '已保存', icon: 'success' })
    } catch (e) {
      const err = asApiError(e, '保存失败，请稍后再试')
      setErrors(err.fields ?? {})
      setError(err.message)
    } finally {
      setBusy(null)
    }
  }

  const remove = async () => {
    if (!current || busy) return
    const ok = await Taro.showModal({
      title: '删除毕业去向',
      content: '确定删除这条尚未审核通过的去向登记？',
    })
    if (!ok.confirm) return
    setBusy('remove')
    try {
      await removeDestination(current.id)
      void Taro.showToast({ title: '已删除', icon: 'success' })
      setCurrent(null)
      setStep('group')
    } catch (e) {
      setError(asApiError(e, '删除失败，请稍后再试').message)
    } finally {
      setBusy(null)
    }
  }

  const gate = roleGate(session, ['student'], { title: '仅学生账号可用', hint: '毕业去向由学生本人登记' })
  if (gate) return gate
  if (notBound) return <ErrorState message="请先绑定学籍" onRetry={() => void load()} />
  if (loadError) return <ErrorState message={loadError} onRetry={() => void load()} />
  if (!cats) return <Loading />

  const currentCat = cats.find((c) => c.code === current?.category)
  const pending = current?.requests.find((r) => r.status === 'pending')
  return (
    <View className="page e2e-dest-page">
      {step === 'view' && current && currentCat && (
        <View className="card e2e-dest-current">
          <View className="sign-status__head">
            <Text className="sign-status__title">{current.categoryLabel}</Text>
            <StatusTag status={current.status} className={`sign-tag--${current.status} e2e-dest-status`}>
              {current.statusLabel}
            </StatusTag>
          </View>
          {current.returnReason && current.status === 'returned' && (
            <Notice kind="warn" title="退回原因" lines={[current.returnReason]} className="e2e-dest-return" />
          )}
          {currentCat.fields.map((f) => (
            <KeyValue key={f.field} k={f.label} v={shownValue(f, current.fields[f.field])} />
          ))}
          {currentCat.proofs.map((p) => (
            <KeyValue key={p.proof} k={p.label} v={`${current.proofKeys[p.proof]?.length ?? 0} 个文件`} />
          ))}
          {pending && (
            <Notice
              kind="info"
              className="e2e-dest-pending-request"
              lines={[`${pending.kindLabel}：${pending.statusLabel}`]}
            >
              <Text
                className="link"
                onClick={() =>
                  void Taro.navigateTo({ url: `${SIGNING_DESTINATION_REQUEST_PAGE}?id=${current.id}` })
                }
              >
                查看申请
              </Text>
            </Notice>
          )}
          {UNREVIEWED.includes(current.status) && (
            <View className="sign-actions">
              <Button
                className="btn btn--danger e2e-dest-remove"
                loading={busy === 'remove'}
                onClick={() => void remove()}
              >
                删除
              </Button>
              <Button className="btn btn--primary e2e-dest-edit" onClick={edit}>
                编辑
              </Button>
            </View>
          )}
          {current.status === 'approved' && !pending && (
            <View className="sign-actions">
              {(['removal', 'correction'] as const).map((k) => (
                <Button
                  key={k}
                  className={`btn ${k === 'removal' ? 'btn--danger' : 'btn--primary'} e2e-dest-request-${k}`}
                  onClick={() =>
                    void Taro.navigateTo({
                      url: `${SIGNING_DESTINATION_REQUEST_PAGE}?id=${current.id}&kind=${k}`,
                    })
                  }
                >
                  {k === 'removal' ? '申请删除' : '申请更正'}
                </Button>
              ))}
            </View>
          )}
        </View>
      )}

      {step === 'group' && (
        <View className="card e2e-dest-step-group">
          <Text className="sign-status__title">第一步：选择毕业去向</Text>
          <ChoiceChips
            name="dest-group"
            options={labelOptions(DESTINATION_GROUP_LABELS)}
            value={group}
            onChange={setGroup}
          />
          <Button
            className="btn btn--primary e2e-dest-next"
            disabled={!group}
            onClick={() => group && setStep('category')}
          >
            下一步
          </Button>
        </View>
      )}

      {step === 'category' && group && (
        <View className="card e2e-dest-step-category">
          <Text className="sign-status__title">第二步：选择毕业去向分类</Text>
          {cats
            .filter((c) => c.group === group)
            .map((c) => (
              <View key={c.code} className={`sign-row e2e-dest-category-${c.code}`} onClick={() => pick(c)}>
                <Text className="sign-row__title">
                  {c.label}（{c.nationalCode}）
                </Text>
                {c.blocksSigning && <Text className="sign-row__meta">签约类：登记后不能再网上签约</Text>}
              </View>
            ))}
          <Button className="btn e2e-dest-back" onClick={() => setStep('group')}>
            上一步
          </Button>
        </View>
      )}

      {step === 'form' && category && (
        <>
          <DestinationForm category={category} draft={draft} errors={errors} onChange={setDraft} />
          <Text className="link e2e-dest-rechoose" onClick={() => setStep('group')}>
            返回重新选择就业去向
          </Text>
        </>
      )}

      {error && <Notice kind="error" lines={[error]} className="e2e-dest-error" />}

      {step === 'form' && category && (
        <View className="sign-actions">
          <Button
            className="btn e2e-dest-save"
            loading={busy === 'save'}
            disabled={!!busy}
            onClick={() => void save(false)}
          >
            保存
          </Button>
          <Button
            className="btn btn--primary e2e-dest-submit"
            loading={busy === 'submit'}
            disabled={!!busy}
            onClick={() => void save(true)}
          >
            提交审核
          </Button>
        </View>
      )}
    </View>
  )
}
