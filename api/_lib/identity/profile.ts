import type {
  Privacy,
  PrivacyUpdate,
  Profile,
  ProfileResponse,
  ProfileUpdate,
} from '../../../src/contracts/profile'
import type { Db, Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { avatarUrl } from './avatar'

interface ProfileRow {
  user_id: string
  phone: string | null
  email: string | null
  hometown: string | null
  intro: string | null
  avatar_path: string | null
}

const EMPTY_PROFILE: Profile = { phone: null, email: null, hometown: null, intro: null, avatarUrl: null }
const DEFAULT_PRIVACY: Privacy = { resumeSearchable: false, phoneVisible: false }

/** What the transaction reads: the avatar as its storage key, signed only after the commit. */
interface StoredProfile {
  row: ProfileRow | undefined
  privacy: Privacy
}

async function requireStudent(db: Db): Promise<void> {
  const { rows } = await db.query<{ role: string }>('select app.my_role() as role')
  if (rows[0]?.role !== 'student') throw new AppError('forbidden', '只有学生账号有个人资料与隐私设置')
}

async function readProfile(db: Db): Promise<StoredProfile> {
  await requireStudent(db)
  const p = await db.query<ProfileRow>(
    'select user_id, phone, email, hometown, intro, avatar_path from public.student_profiles where user_id = auth.uid()',
  )
  const v = await db.query<{ resume_searchable: boolean; phone_visible: boolean }>(
    'select resume_searchable, phone_visible from public.privacy_settings where user_id = auth.uid()',
  )
  return {
    row: p.rows[0],
    privacy: v.rows[0]
      ? { resumeSearchable: v.rows[0].resume_searchable, phoneVisible: v.rows[0].phone_visible }
      : DEFAULT_PRIVACY,
  }
}

/**
 * The answer, with the avatar key turned into a signed URL. Called after the transaction: with
 * Supabase Storage signing is an HTTP call, and no connection may wait on it.
 */
async function toResponse({ row, privacy }: StoredProfile): Promise<ProfileResponse> {
  return {
    profile: row
      ? {
          phone: row.phone,
          email: row.email,
          hometown: row.hometown,
          intro: row.intro,
          avatarUrl: await avatarUrl(row.avatar_path, row.user_id),
        }
      : EMPTY_PROFILE,
    privacy,
  }
}

/** The student's editable profile and privacy settings; rows are created on first save. */
export async function getProfile(tx: Tx): Promise<ProfileResponse> {
  return toResponse(await tx(readProfile))
}

/** Changes only the fields given; `null` clears one. One upsert, so concurrent saves cannot duplicate the row. */
export async function updateProfile(tx: Tx, u: ProfileUpdate): Promise<ProfileResponse> {
  const stored = await tx(async (db) => {
    await requireStudent(db)
    const has = (k: keyof ProfileUpdate) => (u[k] !== undefined ? 'true' : 'false')
    await db.query(
      `insert into public.student_profiles (user_id, phone, email, hometown, intro)
       values (auth.uid(), $1, $2, $3, $4)
       on conflict (user_id) do update set
         phone = case when ${has('phone')} then excluded.phone else student_profiles.phone end,
         email = case when ${has('email')} then excluded.email else student_profiles.email end,
         hometown = case when ${has('hometown')} then excluded.hometown else student_profiles.hometown end,
         intro = case when ${has('intro')} then excluded.intro else student_profiles.intro end,
         updated_at = now()`,
      [u.phone ?? null, u.email ?? null, u.hometown ?? null, u.intro ?? null],
    )
    return readProfile(db)
  })
  return toResponse(stored)
}

export async function updatePrivacy(tx: Tx, u: PrivacyUpdate): Promise<ProfileResponse> {
  const stored = await tx(async (db) => {
    await requireStudent(db)
    await db.query(
      `insert into public.privacy_settings (user_id, resume_searchable, phone_visible)
       values (auth.uid(), coalesce($1, false), coalesce($2, false))
       on conflict (user_id) do update set
         resume_searchable = coalesce($1, privacy_settings.resume_searchable),
         phone_visible = coalesce($2, privacy_settings.phone_visible),
         updated_at = now()`,
      [u.resumeSearchable ?? null, u.phoneVisible ?? null],
    )
    return readProfile(db)
  })
  return toResponse(stored)
}
