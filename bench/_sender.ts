/**
 * The sender's throughput, a step of `npm run bench -- push-match`: SENDER_MESSAGES interview
 * invitations to students who each hold one credit, drained by SENDER_WORKERS senders in
 * processes of their own (scripts/deliver.ts, as separate function instances would), against the
 * fake WeChat in this process. The figure is messages per second between the first and the last
 * send the fake accepted (the processes' start-up is not the sender's cost); every message must
 * arrive exactly once.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { withServiceTx } from '../api/_lib/db/tx'
import { notifyMany } from '../api/_lib/notify'
import { expandBatches } from '../api/_lib/notify/batches'
import { templateKeywords } from '../api/_lib/notify/templates'
import { getAccessToken } from '../api/_lib/wechat/token'
import { appPages } from '../scripts/app-pages'
import { FAKE_MP_APP, FAKE_OA_APP, startFakeWechat } from '../tests/fakes/wechat/server'

const MESSAGES = Number(process.env.SENDER_MESSAGES ?? 6_000)
const WORKERS = Number(process.env.SENDER_WORKERS ?? 4)
const TPL = 'tpl-bench-interview'
const DELIVER = path.join(__dirname, '..', 'scripts', 'deliver.ts')

export interface SenderFigures {
  sender_msg_per_s: number
  sender_messages: number
  sender_workers: number
  sender_exactly_once: boolean
}

function runSender(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', DELIVER], {
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        DRAIN: JSON.stringify({ maxMs: 120_000, batchSize: 50, concurrency: 8 }),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited with ${code}`))))
  })
}

export async function measureSender(): Promise<SenderFigures> {
  const fake = await startFakeWechat({
    templates: [{ id: TPL, keywords: templateKeywords('interview_invited') }],
    pages: await appPages(),
  })
  Object.assign(process.env, {
    WECHAT_API_BASE: fake.url,
    WECHAT_APPID: FAKE_MP_APP.appid,
    WECHAT_SECRET: FAKE_MP_APP.secret,
    WECHAT_OA_APPID: FAKE_OA_APP.appid,
    WECHAT_OA_SECRET: FAKE_OA_APP.secret,
    WECHAT_TPL_INTERVIEW_INVITED: TPL,
  })
  try {
    const students = await withServiceTx('bench seed: sender', async (db) => {
      const { rows } = await db.query<{ id: string; openid: string }>(
        `with u as (
           insert into public.app_users (role, display_name)
           select 'student', '发送压测' || g from generate_series(1, $1) g returning id
         ), w as (
           insert into public.wechat_identities (user_id, appid, openid)
           select id, $2, 'o_bench_' || replace(id::text, '-', '') from u returning user_id, openid
         ), c as (
           insert into public.subscribe_credits (user_id, template_id, credits)
           select user_id, $3, 1 from w returning 1
         )
         select user_id as id, openid from w`,
        [MESSAGES, FAKE_MP_APP.appid, TPL],
      )
      return rows
    })
    for (const s of students) {
      fake.registerUser(s.openid)
      fake.grantSubscribe(s.openid, TPL, 1)
    }
    await withServiceTx('bench seed: sender notify', (db) =>
      notifyMany(
        db,
        students.map((s, i) => ({
          kind: 'interview_invited' as const,
          to: s.id,
          interviewId: s.id,
          jobTitle: `压测职位${i % 100}`,
          companyName: '压测公司',
          mode: 'onsite' as const,
          startsAt: new Date(Date.now() + 86_400_000),
        })),
      ),
    )
    // 6,000 is a fan-out batch: the cron's expansion writes the deliveries the senders then drain
    await expandBatches()
    await getAccessToken('mp') // cached for the senders, as in steady state
    await Promise.all(Array.from({ length: WORKERS }, runSender))
    const sent = fake.messages.filter((m) => m.template_id === TPL)
    if (sent.length < 2) throw new Error(`the senders sent ${sent.length} messages of ${MESSAGES}`)
    const mids = new Set(sent.map((m) => m.page))
    const seconds = (sent.at(-1)!.time - sent[0]!.time) / 1000
    return {
      sender_msg_per_s: Math.round((sent.length - 1) / seconds),
      sender_messages: sent.length,
      sender_workers: WORKERS,
      sender_exactly_once: sent.length === MESSAGES && mids.size === MESSAGES,
    }
  } finally {
    await fake.close()
  }
}
