import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Notice, TextField } from '../../../../components/form'
import { roleGate } from '../../../../components/role-gate'
import { EmptyState, ErrorState, Loading } from '../../../../components/state-views'
import { CHECKIN_OUTCOME_LABELS, CHECKIN_OUTCOME_TONE, GateName } from '../../../../contracts/checkin'
import type { EventSummary } from '../../../../contracts/events'
import {
  deviceOffline,
  fetchDoorList,
  type GateReport,
  isUnreachable,
  lastGate,
  listGateEvents,
  loadDoorList,
  rememberLastGate,
  saveDoorList,
  watchNetwork,
} from '../../../../services/checkin'
import { formatClock, formatDate, formatRange } from '../../../../services/format'
import { asApiError } from '../../../../services/request'
import { CHECKIN_DASHBOARD_PAGE } from '../../../../services/routes'
import { useSession } from '../../../../services/use-session'
import { scanOnce, startBrowserCamera } from '../../camera'
import { GateEngine, reportText, type ShownScan } from '../../gate-engine'
import '../../checkin.css'

/** While scans wait in the queue and the phone has a network, try to upload them this often. */
const RETRY_SYNC_MS = 20_000
const HISTORY = 8
const CAMERA_ID = 'checkin-camera'

const when = (iso: string) => `${formatDate(iso)} ${formatClock(new Date(iso).getTime())}`

/** The verdict, big and coloured: green passes, amber is a repeat, red is refused. */
function Outcome({ shown }: { shown: ShownScan | null }) {
  if (!shown) {
    return (
      <View className="checkin-outcome checkin-outcome--idle e2e-checkin-outcome" data-outcome="">
        <Text className="checkin-outcome__line">请扫描学生的入场码，或在下方输入</Text>
      </View>
    )
  }
  const tone = CHECKIN_OUTCOME_TONE[shown.outcome]
  return (
    <View
      className={`checkin-outcome checkin-outcome--${tone} e2e-checkin-outcome e2e-checkin-outcome--${shown.outcome}`}
      data-outcome={shown.outcome}
      data-nonce={shown.nonce}
    >
      <Text className="checkin-outcome__label e2e-checkin-outcome-label">
        {CHECKIN_OUTCOME_LABELS[shown.outcome]}
      </Text>
      {shown.name && <Text className="checkin-outcome__name e2e-checkin-outcome-name">{shown.name}</Text>}
      {shown.school && (
        <Text className="checkin-outcome__line e2e-checkin-outcome-school">{shown.school}</Text>
      )}
      {shown.registeredAt && (
        <Text className="checkin-outcome__line">报名时间 {when(shown.registeredAt)}</Text>
      )}
      {shown.firstCheckin && (
        <Text className="checkin-outcome__line e2e-checkin-outcome-first">
          首次签到 {when(shown.firstCheckin.at)} · {shown.firstCheckin.gate || '未知入口'}
        </Text>
      )}
      {shown.offline && (
        <Text className="checkin-outcome__tag e2e-checkin-outcome-offline">离线核验 · 待同步</Text>
      )}
      {shown.late && <Text className="checkin-outcome__tag">延迟上传</Text>}
    </View>
  )
}

function Reports({ reports, onClear }: { reports: GateReport[]; onClear: () => void }) {
  if (reports.length === 0) return null
  return (
    <View className="card e2e-checkin-reports">
      <View className="section-title">
        <Text>同步报告（{reports.length}）</Text>
        <Text className="link e2e-checkin-reports-clear" onClick={onClear}>
          清除
        </Text>
      </View>
      {reports.map((r) => (
        <Text
          key={r.nonce}
          className={`checkin-report checkin-report--${r.kind} e2e-checkin-report e2e-checkin-report--${r.kind}`}
        >
          {formatClock(new Date(r.scannedAt).getTime())} {r.gate} · {reportText(r)}
          {r.firstCheckin ? `（首次签到 ${when(r.firstCheckin.at)} · ${r.firstCheckin.gate}）` : ''}
        </Text>
      ))}
    </View>
  )
}

/** Picking the event and naming the gate (before the fair, with a network). */
function Setup(props: {
  events: EventSummary[] | null
  error: string | null
  chosen: string | null
  gate: string
  gateError?: string
  starting: boolean
  onChoose: (id: string) => void
  onGate: (v: string) => void
  onStart: () => void
  onRetry: () => void
}) {
  return (
    <View className="page e2e-checkin-setup">
      <View className="card">
        <Text className="gate-head__title">选择活动</Text>
        {props.error ? (
          <ErrorState message={props.error} onRetry={props.onRetry} />
        ) : props.events === null ? (
          <Loading />
        ) : props.events.length === 0 ? (
          <EmptyState title="没有可签到的活动" hint="请联系学校就业中心为你分配活动" />
        ) : (
          props.events.map((e) => (
            <View
              key={e.id}
              className={`gate-pick e2e-checkin-event ${props.chosen === e.id ? 'gate-pick--on' : ''}`}
              onClick={() => props.onChoose(e.id)}
            >
              <Text className="gate-pick__title">{e.title}</Text>
              <Text className="gate-pick__meta">
                {formatRange(e.startsAt, e.endsAt)} · {e.venue ?? e.schoolName}
              </Text>
            </View>
          ))
        )}
      </View>
      <View className="card">
        <TextField
          label="入口名称"
          name="gate"
          value={props.gate}
          error={props.gateError}
          placeholder="如：东门、1号入口"
          maxlength={30}
          inputClassName="e2e-checkin-gate-name"
          onInput={props.onGate}
        />
        <Button
          className="btn btn--primary e2e-checkin-start"
          disabled={!props.chosen || props.starting}
          onClick={props.onStart}
        >
          {props.starting ? '正在下载名单…' : '下载名单并开始签到'}
        </Button>
      </View>
    </View>
  )
}

/**
 * 入场签到 for fair staff: pick one of the events assigned to you and name your gate; the page
 * downloads the event's door list (public keys only) and keeps it on the phone. Each scan goes to
 * the API when there is a network; without one the phone judges it itself from the list and queues
 * it (kept with Taro.setStorage, so a restart loses nothing), and the queue is uploaded when the
 * network comes back (and with 同步). What the server judged differently is listed for the staff.
 */
export default function CheckinGatePage() {
  const session = useSession()
  const { params } = useRouter()
  const allowed = session?.user.role === 'fair_staff' || session?.user.role === 'school_staff'

  const [engine, setEngine] = useState<GateEngine | null>(null)
  const [events, setEvents] = useState<EventSummary[] | null>(null)
  const [eventsError, setEventsError] = useState<string | null>(null)
  const [chosen, setChosen] = useState<string | null>(params.id ?? null)
  const [gate, setGate] = useState('')
  const [gateError, setGateError] = useState<string | undefined>()
  const [starting, setStarting] = useState(false)
  const [resuming, setResuming] = useState(true)

  const [shown, setShown] = useState<ShownScan | null>(null)
  const [history, setHistory] = useState<ShownScan[]>([])
  const [queued, setQueued] = useState(0)
  const [reports, setReports] = useState<GateReport[]>([])
  const [online, setOnline] = useState(true)
  const [syncing, setSyncing] = useState(false)
  const [notice, setNotice] = useState<{ kind: 'error' | 'ok' | 'info'; text: string } | null>(null)
  const [manual, setManual] = useState('')
  const [camera, setCamera] = useState(false)

  // scans are handled one at a time, in the order they were read
  const chain = useRef<Promise<unknown>>(Promise.resolve())
  const syncingRef = useRef(false)
  const cameraRef = useRef<{ stop(): void } | null>(null)
  const engineRef = useRef<GateEngine | null>(null)
  engineRef.current = engine

  const loadEvents = async () => {
    setEventsError(null)
    try {
      const items = await listGateEvents()
      setEvents(items)
      setChosen((c) => c ?? (items.length === 1 ? items[0]!.id : null))
    } catch (e) {
      setEventsError(asApiError(e, '加载失败').message)
    }
  }

  /** Opens the gate: a fresh door list when the network allows, else the one on the phone. */
  const openGate = async (eventId: string, gateName: string) => {
    let list = await loadDoorList(eventId)
    if (!(await deviceOffline())) {
      try {
        list = await fetchDoorList(eventId)
        await saveDoorList(list)
      } catch (e) {
        if (!isUnreachable(e) || !list) throw e
      }
    }
    if (!list) throw new Error('没有网络，且手机上没有本场活动的名单：请联网后再下载')
    const g = await GateEngine.open(eventId, list, gateName)
    await rememberLastGate(session?.user.id ?? '', eventId, list.title, gateName)
    setReports(g.reports)
    setQueued(g.queued)
    setEngine(g)
    return g
  }

  // after a restart the phone goes straight back to the gate it was at (its queue with it)
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page opens
  useEffect(() => {
    if (!allowed) return
    void (async () => {
      const last = await lastGate()
      const mine = last && last.userId === session?.user.id
      if (last && mine && (!params.id || params.id === last.eventId)) {
        setGate(last.gate)
        try {
          const g = await openGate(last.eventId, last.gate)
          setOnline(!(await deviceOffline()))
          if (g.queued > 0) void sync(g)
        } catch (e) {
          setNotice({ kind: 'error', text: asApiError(e, (e as Error).message).message })
          void loadEvents()
        }
      } else void loadEvents()
      setResuming(false)
    })()
  }, [allowed])

  const start = async () => {
    if (!chosen || starting) return
    const g = GateName.safeParse(gate)
    if (!g.success) {
      setGateError(g.error.issues[0]?.message)
      return
    }
    setGateError(undefined)
    setStarting(true)
    setNotice(null)
    try {
      await openGate(chosen, g.data)
      setOnline(!(await deviceOffline()))
    } catch (e) {
      setNotice({ kind: 'error', text: asApiError(e, (e as Error).message).message })
    } finally {
      setStarting(false)
    }
  }

  const sync = async (g = engineRef.current) => {
    if (!g || syncingRef.current || g.queued === 0) return
    syncingRef.current = true
    setSyncing(true)
    try {
      const r = await g.sync()
      setQueued(g.queued)
      setReports(g.reports)
      if (r.unreachable) setNotice({ kind: 'info', text: `网络不可用，${g.queued} 条扫码记录稍后再同步` })
      else {
        setNotice({
          kind: r.reports.some((x) => x.kind === 'conflict') ? 'error' : 'ok',
          text: `已同步 ${r.synced} 条扫码记录${r.reports.length ? `，${r.reports.length} 条需要注意` : ''}`,
        })
        // cancellations and other gates' check-ins since the download
        try {
          const list = await fetchDoorList(g.eventId)
          await saveDoorList(list)
          g.replaceList(list)
        } catch {
          // the old list still verifies; 更新名单 tries again
        }
      }
    } catch (e) {
      setNotice({ kind: 'error', text: asApiError(e, '同步失败，请稍后再试').message })
    } finally {
      syncingRef.current = false
      setSyncing(false)
    }
  }

  // the network coming back uploads the queue; a timer retries while scans wait
  // biome-ignore lint/correctness/useExhaustiveDependencies: sync reads refs; per opened gate
  useEffect(() => {
    if (!engine) return
    const unwatch = watchNetwork((isOnline) => {
      setOnline(isOnline)
      if (isOnline) void sync(engine)
    })
    const timer = setInterval(() => {
      void deviceOffline().then((off) => {
        setOnline(!off)
        if (!off && engine.queued > 0) void sync(engine)
      })
    }, RETRY_SYNC_MS)
    return () => {
      unwatch()
      clearInterval(timer)
    }
  }, [engine])

  const stopCamera = () => {
    cameraRef.current?.stop()
    cameraRef.current = null
    setCamera(false)
  }
  useDidHide(stopCamera)
  // biome-ignore lint/correctness/useExhaustiveDependencies: on unmount only
  useEffect(() => stopCamera, [])
  useDidShow(() => {
    if (engineRef.current) void deviceOffline().then((off) => setOnline(!off))
  })

  const handle = (text: string) => {
    const g = engineRef.current
    if (!g || !text.trim()) return
    chain.current = chain.current.then(async () => {
      try {
        const s = await g.scan(text)
        setShown(s)
        setHistory((h) => [s, ...h].slice(0, HISTORY))
        setQueued(g.queued)
        if (s.offline) setOnline(false)
        setNotice(null)
      } catch (e) {
        setNotice({ kind: 'error', text: asApiError(e, '扫码失败，请重试').message })
      }
    })
    return chain.current
  }

  const submitManual = () => {
    const text = manual
    setManual('')
    void handle(text)
  }

  const scanWechat = async () => {
    const text = await scanOnce()
    if (text) await handle(text)
  }

  const toggleCamera = async () => {
    if (cameraRef.current) return stopCamera()
    const el = document.getElementById(CAMERA_ID)
    if (!el) return
    setCamera(true)
    try {
      cameraRef.current = await startBrowserCamera(el, (t) => void handle(t))
    } catch {
      setCamera(false)
      setNotice({ kind: 'error', text: '无法打开摄像头：请允许使用摄像头，或在下方输入入场码' })
    }
  }

  const refreshList = async () => {
    const g = engineRef.current
    if (!g) return
    try {
      const list = await fetchDoorList(g.eventId)
      await saveDoorList(list)
      g.replaceList(list)
      setEngine(g)
      setNotice({ kind: 'ok', text: `名单已更新（${list.tickets.length} 张入场券）` })
    } catch (e) {
      setNotice({ kind: 'error', text: asApiError(e, '更新失败').message })
    }
  }

  const leave = () => {
    const current = engineRef.current?.eventId ?? chosen
    stopCamera()
    setEngine(null)
    setShown(null)
    setHistory([])
    setChosen(current)
    if (events === null) void loadEvents()
  }

  const denied = roleGate(session, ['fair_staff', 'school_staff'], {
    title: '仅工作人员可用',
    hint: '入场签到面向学校分配的现场工作人员',
  })
  if (denied) return denied
  if (resuming) return <Loading />
  if (!engine) {
    return (
      <View>
        {notice && <Notice kind={notice.kind} className="e2e-checkin-notice" lines={[notice.text]} />}
        <Setup
          events={events}
          error={eventsError}
          chosen={chosen}
          gate={gate}
          gateError={gateError}
          starting={starting}
          onChoose={setChosen}
          onGate={setGate}
          onStart={() => void start()}
          onRetry={() => void loadEvents()}
        />
      </View>
    )
  }

  const list = engine.list
  return (
    <View className="page e2e-checkin-gate">
      <View className="card">
        <Text className="gate-head__title e2e-checkin-title">{list.title}</Text>
        <Text className="gate-head__meta">
          入口 <Text className="e2e-checkin-gate-label">{engine.gate}</Text> · 名单 {list.tickets.length} 张 ·
          下载于 {when(list.downloadedAt)}
        </Text>
        <View className="gate-head__row">
          <Text
            className={`gate-head__net gate-head__net--${online ? 'online' : 'offline'} e2e-checkin-network`}
          >
            {online ? '在线' : '离线（本机核验）'}
          </Text>
          <View>
            <Text className="link e2e-checkin-refresh-list" onClick={() => void refreshList()}>
              更新名单
            </Text>
            <Text className="link gate-head__leave e2e-checkin-leave" onClick={leave}>
              更换
            </Text>
          </View>
        </View>
      </View>

      <Outcome shown={shown} />

      <View className="card checkin-scan">
        {process.env.TARO_ENV === 'h5' ? (
          <>
            <View id={CAMERA_ID} className="checkin-camera" />
            <Button className="btn btn--primary e2e-checkin-camera" onClick={() => void toggleCamera()}>
              {camera ? '关闭摄像头' : '打开摄像头扫码'}
            </Button>
          </>
        ) : (
          <Button className="btn btn--primary e2e-checkin-scan" onClick={() => void scanWechat()}>
            扫码签到
          </Button>
        )}
        <View className="checkin-manual">
          <Input
            className="checkin-manual__input e2e-checkin-manual"
            placeholder="手动输入入场码"
            value={manual}
            maxlength={300}
            confirmType="done"
            onInput={(e) => setManual(e.detail.value)}
            onConfirm={submitManual}
          />
          <Button className="btn e2e-checkin-submit" size="mini" onClick={submitManual}>
            核验
          </Button>
        </View>
      </View>

      {notice && <Notice kind={notice.kind} className="e2e-checkin-notice" lines={[notice.text]} />}

      <View className="card checkin-queue">
        <Text className="checkin-queue__count">
          待同步 <Text className="e2e-checkin-queue">{queued}</Text> 条
        </Text>
        <Button
          className={`btn checkin-queue__sync ${queued === 0 ? 'checkin-queue__sync--idle' : ''} e2e-checkin-sync`}
          size="mini"
          // not `disabled`: Taro's H5 draws a disabled button's text white; sync() ignores a tap
          // while it runs or when nothing waits
          onClick={() => void sync()}
        >
          {syncing ? '同步中…' : '同步'}
        </Button>
      </View>

      <Reports
        reports={reports}
        onClear={() =>
          void engine.clearReports().then(() => {
            setReports([])
          })
        }
      />

      {history.length > 0 && (
        <View className="card">
          <Text className="gate-head__title">最近扫码</Text>
          {history.map((h) => (
            <View key={h.nonce} className="checkin-history e2e-checkin-history">
              <Text>
                {formatClock(h.at)} {h.name ?? '—'}
              </Text>
              <Text className={`checkin-history__outcome--${CHECKIN_OUTCOME_TONE[h.outcome]}`}>
                {CHECKIN_OUTCOME_LABELS[h.outcome]}
                {h.offline ? '（离线）' : ''}
              </Text>
            </View>
          ))}
        </View>
      )}

      <Text
        className="link e2e-checkin-dashboard"
        onClick={() =>
          Taro.navigateTo({ url: `${CHECKIN_DASHBOARD_PAGE}?id=${encodeURIComponent(list.eventId)}` })
        }
      >
        签到统计 ›
      </Text>
    </View>
  )
}
