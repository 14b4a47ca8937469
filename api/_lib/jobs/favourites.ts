/**
 * 收藏: a student's saved jobs. The rows are the rule (000620): a student reads and deletes only
 * their own, and inserts one only for a job they can see that is open (published, before its
 * deadline, of a verified company). The checks here run first only to answer with a clear reason;
 * without them the database refuses the same writes.
 */
import type { FavouriteListResponse, FavouriteState } from '../../../src/contracts/favourites'
import { JOB_PAGE_SIZE } from '../../../src/contracts/job-search'
import { keysetKey } from '../db/keyset'
import type { Db } from '../db/tx'
import { AppError } from '../http/errors'
import { decodeFavouriteCursor, encodeFavouriteCursor } from './cursor'
import { JOB_SUMMARY_COLUMNS, type JobSummaryRow, toJobSummary } from './row'

/** Saves the job for the caller; saving it again changes nothing. */
export async function favourite(db: Db, userId: string, jobId: string): Promise<FavouriteState> {
  const saved = await db.query('select 1 from public.job_favourites where user_id = $1 and job_id = $2', [
    userId,
    jobId,
  ])
  if (saved.rowCount) return { jobId, favourited: true }
  // what the caller may see of the job (the jobs policies), and whether it is open now
  const { rows } = await db.query<{ status: string; open: boolean }>(
    `select j.status, (j.status = 'published' and j.company_verified
                       and j.deadline >= (now() at time zone 'Asia/Shanghai')::date) as open
     from public.jobs j where j.id = $1`,
    [jobId],
  )
  const job = rows[0]
  if (!job) throw new AppError('not_found', '职位不存在或已下线')
  if (!job.open) {
    throw new AppError(
      'conflict',
      job.status === 'closed' ? '该职位已关闭，无法收藏' : '该职位已过期，无法收藏',
      {
        details: { status: job.status === 'closed' ? 'closed' : 'expired' },
      },
    )
  }
  try {
    await db.query(
      'insert into public.job_favourites (user_id, job_id) values ($1, $2) on conflict do nothing',
      [userId, jobId],
    )
  } catch (err) {
    // the insert policy: only students keep favourites
    if ((err as { code?: string }).code === '42501') throw new AppError('forbidden', '只有学生可以收藏职位')
    throw err
  }
  return { jobId, favourited: true }
}

/** Removes the job from the caller's favourites; removing it again changes nothing. */
export async function unfavourite(db: Db, userId: string, jobId: string): Promise<FavouriteState> {
  await db.query('delete from public.job_favourites where user_id = $1 and job_id = $2', [userId, jobId])
  return { jobId, favourited: false }
}

/** 批量取消收藏: ids that are not among the caller's favourites are skipped (the policy hides them). */
export async function unfavouriteMany(db: Db, userId: string, jobIds: readonly string[]): Promise<number> {
  const { rowCount } = await db.query(
    'delete from public.job_favourites where user_id = $1 and job_id = any($2::uuid[])',
    [userId, jobIds],
  )
  return rowCount ?? 0
}

/**
 * The caller's favourites, newest saved first (ties by job id, as job_favourites_user_created_idx
 * orders them), with each job as it is now: a job closed or past its
 * deadline since stays listed (the jobs policy lets the user read the jobs they favourited) and
 * reads 已关闭 / 已过期.
 */
export async function listFavourites(
  db: Db,
  userId: string,
  cursor: string | undefined,
): Promise<FavouriteListResponse> {
  const c = cursor ? decodeFavouriteCursor(cursor) : null
  const { rows } = await db.query<JobSummaryRow & { favourited_key: string; favourited_at: Date }>(
    `select ${JOB_SUMMARY_COLUMNS}, f.created_at as favourited_at,
            ${keysetKey('f.created_at')} as favourited_key
     from public.job_favourites f
     join public.jobs j on j.id = f.job_id
     where f.user_id = $1
       and ($2::timestamptz is null or f.created_at < $2::timestamptz
            or (f.created_at = $2::timestamptz and f.job_id > $3::uuid))
     order by f.created_at desc, f.job_id
     limit $4`,
    [userId, c?.favouritedAt ?? null, c?.jobId ?? null, JOB_PAGE_SIZE + 1],
  )
  const page = rows.slice(0, JOB_PAGE_SIZE)
  const last = page[page.length - 1]
  return {
    items: page.map((r) => ({ job: toJobSummary(r), favouritedAt: r.favourited_at.toISOString() })),
    nextCursor:
      rows.length > JOB_PAGE_SIZE && last
        ? encodeFavouriteCursor({ favouritedAt: last.favourited_key, jobId: last.id })
        : null,
  }
}
