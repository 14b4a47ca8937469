import { randomUUID } from 'node:crypto'
import type { CompanyProfile, CompanyProfileValues } from '../../../src/contracts/company-profile'
import type { CompanySize, CompanyType, Industry } from '../../../src/contracts/job-vocab'
import type { Db, Tx } from '../db/tx'
import { AppError } from '../http/errors'
import { log } from '../log/logger'
import { objectStore } from '../storage'
import { cleanImage, sniffImage } from '../storage/image'

export const LOGO_MAX_BYTES = 2 * 1024 * 1024
/** logos show at most ~120 CSS pixels wide; 256 covers 2× screens */
const LOGO_MAX_SIDE = 256
/** longer than any public cache keeps an answer holding it (the company page: 60 s) */
const LOGO_URL_TTL_SECONDS = 3600
/**
 * Logos live in the storage's `avatars` bucket under `companies/<company id>/` (a prefix no avatar
 * key can have: those start with a user id). A bucket of their own needs `store.ts`'s BUCKETS.
 */
const LOGO_BUCKET = 'avatars' as const
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const LOGO_PATH = new RegExp(`^companies/(${UUID})/${UUID}\\.(png|jpg)$`)

export interface CompanyRow {
  id: string
  name: string
  credit_code: string | null
  verified: boolean
  verified_at: Date | null
  company_type: CompanyType | null
  company_size: CompanySize | null
  industry: Industry | null
  city: string | null
  address: string | null
  intro: string | null
  website: string | null
  contact_name: string | null
  contact_phone: string | null
  contact_email: string | null
  logo_path: string | null
  updated_at: Date
}

/** Every column anon may read too (its grant on companies is column by column). */
export const COMPANY_COLUMNS = `id, name, credit_code, verified, verified_at, company_type, company_size,
  industry, city, address, intro, website, contact_name, contact_phone, contact_email, logo_path, updated_at`

/**
 * A signed URL of a company's logo; null when it has none, or when the stored path is not under
 * the company's own prefix (checked again here, as app.set_company_logo and the CHECK do, so a
 * planted path never becomes a link to someone else's file).
 */
export function logoUrl(companyId: string, path: string | null): Promise<string | null> {
  if (!path) return Promise.resolve(null)
  if (LOGO_PATH.exec(path)?.[1] !== companyId) {
    log.warn('company logo: stored path is not under its company; not signed', { company: companyId })
    return Promise.resolve(null)
  }
  return objectStore().signedUrl(LOGO_BUCKET, path, LOGO_URL_TTL_SECONDS)
}

/** The row as the API shows it; call after the transaction (signing may be an HTTP call). */
export async function toCompanyProfile(r: CompanyRow): Promise<CompanyProfile> {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    verified: r.verified,
    verifiedAt: r.verified_at?.toISOString() ?? null,
    companyType: r.company_type,
    companySize: r.company_size,
    industry: r.industry,
    city: r.city,
    address: r.address,
    intro: r.intro,
    website: r.website,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    logoUrl: await logoUrl(r.id, r.logo_path),
    updatedAt: r.updated_at.toISOString(),
  }
}

/** The caller's company id; only company members (employer accounts) have one. */
export async function requireMyCompany(db: Db): Promise<string> {
  const { rows } = await db.query<{ company: string | null }>('select app.my_company() as company')
  const company = rows[0]?.company
  if (!company) throw new AppError('forbidden', '只有用人单位账号可以管理单位信息和职位')
  return company
}

async function readCompany(db: Db, id: string): Promise<CompanyRow> {
  const { rows } = await db.query<CompanyRow>(
    `select ${COMPANY_COLUMNS} from public.companies where id = $1`,
    [id],
  )
  if (!rows[0]) throw new AppError('not_found', '单位不存在')
  return rows[0]
}

export async function getMyCompany(tx: Tx): Promise<CompanyProfile> {
  const row = await tx(async (db) => readCompany(db, await requireMyCompany(db)))
  return toCompanyProfile(row)
}

/**
 * Saves the whole profile. Once the platform verified the company, its name and credit code are
 * what it vouched for: changing them is refused here with a message per field (the trigger
 * companies_10_before_write refuses it for writers who skip the API).
 */
export async function updateMyCompany(tx: Tx, input: CompanyProfileValues): Promise<CompanyProfile> {
  const row = await tx(async (db) => {
    const id = await requireMyCompany(db)
    const current = await readCompany(db, id)
    const creditCode = input.creditCode
    if (current.verified_at) {
      const fields: Record<string, string> = {}
      if (input.name !== current.name) fields.name = '单位已通过认证，名称不能修改'
      if (creditCode !== current.credit_code) fields.creditCode = '单位已通过认证，统一社会信用代码不能修改'
      if (Object.keys(fields).length) {
        throw new AppError('conflict', '单位已通过认证，名称和统一社会信用代码不能修改', {
          fields,
          details: { reason: 'verified' },
        })
      }
    }
    try {
      const { rows } = await db.query<CompanyRow>(
        `update public.companies set name = $2, credit_code = $3, company_type = $4, company_size = $5,
           industry = $6, city = $7, address = $8, intro = $9, website = $10, contact_name = $11,
           contact_phone = $12, contact_email = $13
         where id = $1 returning ${COMPANY_COLUMNS}`,
        [
          id,
          input.name,
          creditCode,
          input.companyType,
          input.companySize,
          input.industry,
          input.city,
          input.address,
          input.intro,
          input.website,
          input.contactName,
          input.contactPhone,
          input.contactEmail,
        ],
      )
      if (!rows[0]) throw new AppError('not_found', '单位不存在')
      return rows[0]
    } catch (err) {
      const e = err as { code?: string; constraint?: string }
      if (e.code === '23505' && e.constraint === 'companies_credit_code_key') {
        throw new AppError('conflict', '该统一社会信用代码已被其他单位使用', {
          fields: { creditCode: '该统一社会信用代码已被其他单位使用' },
          cause: err,
        })
      }
      throw err
    }
  })
  return toCompanyProfile(row)
}

/**
 * Stores a new logo under a fresh key and records it with app.set_company_logo (the only writer of
 * companies.logo_path), then deletes the previous file. The image is re-encoded first (no EXIF or
 * other metadata survives); storage calls happen outside the transactions, and a new file whose
 * recording fails is removed again.
 */
export async function setCompanyLogo(tx: Tx, data: Buffer): Promise<string> {
  if (!sniffImage(data)) {
    throw new AppError('validation_failed', '单位标志只支持 JPG 或 PNG 图片', {
      fields: { file: '图片格式不支持' },
    })
  }
  const company = await tx(requireMyCompany)
  const image = await cleanImage(data, { maxSide: LOGO_MAX_SIDE })
  const key = `companies/${company}/${randomUUID()}.${image.type === 'image/png' ? 'png' : 'jpg'}`
  const store = objectStore()
  await store.put(LOGO_BUCKET, key, image.data, image.type)
  let previous: string | null
  try {
    previous = await tx(async (db) => {
      const r = await db.query<{ previous: string | null }>('select app.set_company_logo($1) as previous', [
        key,
      ])
      return r.rows[0]?.previous ?? null
    })
  } catch (err) {
    await store
      .remove(LOGO_BUCKET, key)
      .catch((e) => log.warn('company logo: orphan not removed', { key, err: e }))
    throw err
  }
  if (previous && previous !== key) {
    if (LOGO_PATH.exec(previous)?.[1] === company) {
      await store
        .remove(LOGO_BUCKET, previous)
        .catch((e) => log.warn('company logo: previous file not removed', { key: previous, err: e }))
    } else {
      log.warn('company logo: previous path is not under the company prefix; left alone', { company })
    }
  }
  return store.signedUrl(LOGO_BUCKET, key, LOGO_URL_TTL_SECONDS)
}
