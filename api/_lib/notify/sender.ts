/**
 * The sender: drains the delivery queue within a time budget (the cron function, `npm start`'s
 * loop, or on demand). Any number of senders may run at once, on any instances: pg-boss claims
 * with FOR UPDATE SKIP LOCKED, and each send is guarded by its delivery row (app.begin_delivery),
 * so a message is sent at most once whatever crashes — a claim whose worker died comes back and is
 * sent then, while a send whose answer was lost is never repeated (`unknown`, for admins).
 *
 * Per claimed batch: one statement per message before its send (begin_delivery: credit, state,
 * attempt row — a single round trip), the WeChat call, then one transaction for the whole batch's
 * outcomes and queue results (finish_deliveries + pg-boss complete/fail).
 */
import { serviceStatements, withServiceTx } from '../db/tx'
import { log } from '../log/logger'
import { wechatApp } from '../wechat/config'
import { sendSubscribeMessage } from '../wechat/subscribe'
import { sendTemplateMessage } from '../wechat/template'
import { type ClassifiedOutcome, classifySendError } from './outcome'
import { bossDb, FAIL_EXPIRED_CLAIMS, queue, SEND_QUEUE, type SendJob } from './queue'

type Begun =
  | {
      action: 'send'
      channel: 'subscribe' | 'oa_template'
      openid: string
      templateId: string
      data: Record<string, string>
      page: string | null
      attempt: number
      kind: string
    }
  | { action: 'no_credit' | 'skipped' | 'unknown' | 'done' | 'gone' }

interface Settled {
  jobId: string
  /** what the delivery came to in this drain */
  tally: keyof DrainReport
  /** back to the queue (pg-boss retries it with backoff) */
  retry?: boolean
  /** the outcome to record, for deliveries that were sent to WeChat */
  result?: ClassifiedOutcome & { id: string; msgid: string | null; ms: number }
}

export interface DrainReport {
  claimed: number
  sent: number
  /** no credit before the call, or 43101 from WeChat: the message stays inbox-only */
  noCredit: number
  retried: number
  failed: number
  dead: number
  /** a previous sender died during the send: not repeated */
  unknown: number
  /** no WeChat identity, or already finished (a duplicate claim) */
  skipped: number
}

export interface DrainOptions {
  /** stop claiming after this long (a Vercel function's budget); default 45 s */
  maxMs?: number
  /** jobs claimed at a time; default 50 */
  batchSize?: number
  /** WeChat calls in flight at once; default 8 */
  concurrency?: number
}

const begin = serviceStatements('wechat delivery: begin')

async function sendOne(job: { id: string; retryCount: number; retryLimit: number }): Promise<Settled> {
  let b: Begun
  try {
    const { rows } = await begin.query<{ r: Begun }>('select app.begin_delivery($1) as r', [job.id])
    b = rows[0]!.r
  } catch (err) {
    // nothing changed (one statement): the job goes back to the queue for a later try
    log.error('wechat delivery could not begin', { delivery: job.id, err })
    return { jobId: job.id, tally: 'retried', retry: true }
  }
  if (b.action !== 'send') {
    const tally = {
      no_credit: 'noCredit',
      unknown: 'unknown',
      skipped: 'skipped',
      done: 'skipped',
      gone: 'skipped',
    } as const
    return { jobId: job.id, tally: tally[b.action] }
  }
  const started = performance.now()
  let result: Settled['result']
  try {
    const { msgid } =
      b.channel === 'oa_template'
        ? await sendTemplateMessage({
            touser: b.openid,
            templateId: b.templateId,
            data: b.data,
            // the card opens the same mini-program page as the subscribe message would
            miniprogram: { appid: wechatApp('mp').appid, pagepath: b.page ?? undefined },
          })
        : await sendSubscribeMessage({
            touser: b.openid,
            templateId: b.templateId,
            page: b.page ?? undefined,
            data: b.data,
          })
    result = { id: job.id, outcome: 'sent', errcode: null, error: null, msgid: msgid ?? null, ms: 0 }
  } catch (err) {
    const c = classifySendError(err, job.retryCount >= job.retryLimit)
    log.warn('wechat delivery failed', { delivery: job.id, kind: b.kind, attempt: b.attempt, ...c })
    result = { id: job.id, ...c, msgid: null, ms: 0 }
  }
  result.ms = Math.round(performance.now() - started)
  const tally = {
    sent: 'sent',
    no_credit: 'noCredit',
    retry: 'retried',
    failed: 'failed',
    dead: 'dead',
  } as const
  return { jobId: job.id, tally: tally[result.outcome], result }
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping their order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!)
    }
  })
  await Promise.all(lanes)
  return out
}

/** pg-boss's complete/fail take an id or an array of ids (its typings only admit one with data). */
function settleJobs(
  op: 'complete' | 'fail',
  ids: string[],
  db: Parameters<typeof bossDb>[0],
): Promise<unknown> {
  if (ids.length === 0) return Promise.resolve()
  const boss = queue()
  const call = boss[op] as (
    name: string,
    ids: string[],
    data: object | null,
    opts: object,
  ) => Promise<unknown>
  return call.call(boss, SEND_QUEUE, ids, null, { db: bossDb(db) })
}

async function record(settled: readonly Settled[]): Promise<void> {
  const results = settled.flatMap((s) => (s.result ? [s.result] : []))
  await withServiceTx('wechat delivery: record outcomes', async (db) => {
    if (results.length > 0) {
      await db.query('select app.finish_deliveries($1::jsonb)', [JSON.stringify(results)])
    }
    const retry = settled.filter(
      (s) => s.retry || s.result?.outcome === 'retry' || s.result?.outcome === 'dead',
    )
    const retryIds = new Set(retry.map((s) => s.jobId))
    await settleJobs('fail', [...retryIds], db)
    await settleJobs(
      'complete',
      settled.filter((s) => !retryIds.has(s.jobId)).map((s) => s.jobId),
      db,
    )
  })
}

/**
 * Claims whose sender died come back to the queue with their retry delay — pg-boss's expiry — except
 * those on their last retry, which pg-boss would fail for good with the delivery still `queued` or
 * `sending`: app.expire_send_claims fails them itself and ends the delivery `dead` or `unknown`,
 * with the reason. One transaction, so both see the same now(): no claim expires between them.
 */
export async function expireClaims(): Promise<{ dead: number; unknown: number }> {
  const r = await withServiceTx('wechat delivery: expire claims', async (db) => {
    const { rows } = await db.query<{ r: { dead: number; unknown: number } }>(
      'select app.expire_send_claims() as r',
    )
    await db.query(FAIL_EXPIRED_CLAIMS)
    return rows[0]!.r
  })
  if (r.dead + r.unknown > 0) log.warn('wechat deliveries whose last claim expired', r)
  return r
}

export async function drainDeliveries(opts: DrainOptions = {}): Promise<DrainReport> {
  const report: DrainReport = {
    claimed: 0,
    sent: 0,
    noCredit: 0,
    retried: 0,
    failed: 0,
    dead: 0,
    unknown: 0,
    skipped: 0,
  }
  const until = Date.now() + (opts.maxMs ?? 45_000)
  const boss = queue()
  // claims of senders that died come back to the queue (with their retry delay), or end the delivery
  const expired = await expireClaims()
  report.dead += expired.dead
  report.unknown += expired.unknown
  while (Date.now() < until) {
    const jobs = await boss.fetch<SendJob>(SEND_QUEUE, {
      batchSize: opts.batchSize ?? 50,
      includeMetadata: true,
    })
    if (jobs.length === 0) break
    report.claimed += jobs.length
    const settled = await mapLimit(jobs, opts.concurrency ?? 8, sendOne)
    await record(settled)
    for (const s of settled) report[s.tally] += 1
  }
  if (report.claimed > 0) log.info('wechat deliveries drained', { ...report })
  return report
}

/**
 * For a long-lived process (`npm start`), standing in for the cron: drains, waits `ms`, drains…
 * A failed drain is logged and the loop goes on. Answers the stop, which waits for a drain in
 * progress to finish.
 */
export function drainEvery(
  ms: number,
  tick: (opts: DrainOptions) => Promise<unknown> = drainDeliveries,
): () => Promise<void> {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  const run = () => {
    running = tick({ maxMs: ms })
      .catch((err: unknown) => log.error('wechat delivery drain failed', { err }))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, ms)
      })
  }
  timer = setTimeout(run, ms)
  return async () => {
    stopped = true
    clearTimeout(timer)
    await running
  }
}
