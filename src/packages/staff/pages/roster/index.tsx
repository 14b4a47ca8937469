import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { AsyncList } from '../../../../components/async-list'
import { Notice } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState } from '../../../../components/state-views'
import { DEGREE_LEVEL_LABELS } from '../../../../contracts/binding'
import type { RosterImportResult, RosterListItem } from '../../../../contracts/roster'
import { unbind } from '../../../../services/binding'
import { apiUrl, asApiError } from '../../../../services/request'
import { useSession } from '../../../../services/use-session'
import { type ImportProgress, importRosterFile } from '../../roster/import-file'
import { listRoster } from '../../roster/list'
import { type PickedFile, pickRosterFile } from '../../roster/pick-file'
import { ImportReport } from './report'
import './index.css'

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function RosterRow({ item, onUnbound }: { item: RosterListItem; onUnbound: () => void }) {
  // a student who lost their phone or WeChat account asks the school to free the record (seed 002)
  const release = async () => {
    const ok = await Taro.showModal({
      title: '解除绑定',
      content: `解除后${item.name}需要重新用微信绑定学籍，确定解除？`,
    })
    if (!ok.confirm) return
    try {
      await unbind(item.id)
      void Taro.showToast({ title: '已解除绑定', icon: 'none' })
      onUnbound()
    } catch {
      // the wrapper toasted why
    }
  }
  return (
    <View className="roster__item e2e-roster-item">
      <View className="roster__item-head">
        <Text className="roster__item-name">{item.name}</Text>
        <Text className={`roster__badge ${item.bound ? 'roster__badge--bound' : ''}`}>
          {item.bound ? '已绑定' : '未绑定'}
        </Text>
      </View>
      <Text className="roster__item-line">
        {item.studentNumber} · {item.college} · {item.major} · {DEGREE_LEVEL_LABELS[item.degreeLevel]}{' '}
        {item.graduationYear}届
      </Text>
      <Text className="roster__item-line">身份证号 {item.idCardMasked}</Text>
      {item.bound && (
        <Text className="link roster__unbind e2e-roster-unbind" onClick={release}>
          解除绑定
        </Text>
      )}
    </View>
  )
}

export default function StaffRosterPage() {
  const session = useSession()
  const [file, setFile] = useState<PickedFile | null>(null)
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const [result, setResult] = useState<RosterImportResult | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [items, setItems] = useState<RosterListItem[] | null>(null)
  const [total, setTotal] = useState(0)
  const [next, setNext] = useState<string | null>(null)
  const [listError, setListError] = useState<string | null>(null)

  const load = useCallback(async (q: string, after: string | null) => {
    setListError(null)
    try {
      const page = await listRoster({ q, after })
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items))
      setTotal(page.total)
      setNext(page.next)
    } catch (e) {
      setListError(asApiError(e, '加载失败').message)
    }
  }, [])

  useDidShow(() => {
    if (session?.user.role === 'school_staff') void load(query, null)
  })

  const gate = roleGate(session, ['school_staff'], { title: '仅学校就业工作人员可导入生源' })
  if (gate) return gate

  const choose = async () => {
    setError(null)
    try {
      const picked = await pickRosterFile()
      if (picked) {
        setFile(picked)
        setResult(null)
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : '无法读取该文件')
    }
  }

  const run = async (dryRun: boolean) => {
    if (!file || busy) return
    setBusy(true)
    setError(null)
    setResult(null)
    let done = 0
    try {
      const r = await importRosterFile(file, dryRun, (p) => {
        done = p.done
        setProgress(p)
      })
      setResult(r)
      if (!dryRun) void load(query, null)
    } catch (e) {
      const message = asApiError(e, '上传失败，请稍后再试').message
      // earlier parts are in; the same file again only adds what is missing
      setError(done > 0 && !dryRun ? `${message}（已完成前${done}部分，重新上传同一文件即可继续）` : message)
    } finally {
      setBusy(false)
      setProgress(null)
    }
  }

  return (
    <View className="page roster">
      <View className="card">
        <Text className="roster__title">导入毕业生生源</Text>
        <Text className="roster__hint">
          按模板填写学院、专业、学历层次、毕业年份、学号、姓名、身份证号、性别（生源地、手机号选填），支持
          .xlsx 和 .csv（UTF-8 或
          GBK）。按学号更新，重复上传不会产生重复记录；已绑定学生的姓名和身份证号不会被修改。
        </Text>
        {process.env.TARO_ENV === 'h5' && (
          <Text
            className="roster__link e2e-roster-template"
            onClick={() => window.open(apiUrl('/api/roster/template'))}
          >
            下载导入模板
          </Text>
        )}
        <Button className="btn e2e-roster-choose" onClick={choose} disabled={busy}>
          {file ? '重新选择文件' : '选择文件'}
        </Button>
        {file && (
          <Text className="roster__file e2e-roster-file">
            {file.name}（{sizeText(file.size)}）
          </Text>
        )}
        <View className="roster__actions">
          <Button className="btn e2e-roster-dry-run" disabled={!file || busy} onClick={() => run(true)}>
            仅校验
          </Button>
          <Button
            className="btn btn--primary e2e-roster-import"
            disabled={!file || busy}
            onClick={() => run(false)}
          >
            {busy ? (progress ? `上传中 ${progress.done}/${progress.total}` : '上传中…') : '导入'}
          </Button>
        </View>
        {error && <Notice kind="error" lines={[error]} className="e2e-roster-error" />}
      </View>

      {result && <ImportReport result={result} />}

      <View className="card">
        <View className="roster__list-head">
          <Text className="roster__title">生源名单</Text>
          <Text className="roster__count e2e-roster-total">共{total}人</Text>
        </View>
        <Input
          className="roster__search e2e-roster-search"
          placeholder="按学号或姓名搜索"
          value={query}
          confirmType="search"
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => load(query, null)}
        />
        <AsyncList
          error={listError}
          items={items}
          onRetry={() => load(query, null)}
          empty={<EmptyState title="还没有生源记录" hint="导入后在这里查看" />}
          render={(item) => <RosterRow key={item.id} item={item} onUnbound={() => load(query, null)} />}
        />
        {next && (
          <Button className="btn roster__more" onClick={() => load(query, next)}>
            加载更多
          </Button>
        )}
      </View>
    </View>
  )
}
