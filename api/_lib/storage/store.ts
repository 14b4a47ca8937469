/**
 * Files (avatars now; resume attachments and stamped scans later) behind one interface: Supabase
 * Storage (through supabase-js) when SUPABASE_URL is set, else a local folder under .data/ with
 * HMAC-signed URLs served by `api/storage/[...path].ts`. Objects are private; readers get
 * short-lived signed URLs, and a client may be given a signed upload URL for one object.
 */
export interface ObjectStore {
  /** stores (or replaces) the object */
  put(bucket: Bucket, key: string, data: Buffer, contentType: string): Promise<void>
  /** a URL that reads the object until it expires */
  signedUrl(bucket: Bucket, key: string, expiresInSeconds: number): Promise<string>
  /**
   * A URL the client PUTs the object's bytes to (with its content-type), valid for
   * SIGNED_UPLOAD_TTL_SECONDS and only while the key is still free; large files then skip our API.
   */
  signedUploadUrl(bucket: Bucket, key: string): Promise<{ url: string }>
  /** deletes the object; deleting a missing object is not an error */
  remove(bucket: Bucket, key: string): Promise<void>
}

export const BUCKETS = ['avatars', 'resumes'] as const
export type Bucket = (typeof BUCKETS)[number]

/** Supabase fixes signed upload URLs at two hours; the local stand-in does the same. */
export const SIGNED_UPLOAD_TTL_SECONDS = 2 * 60 * 60

export function isBucket(name: string): name is Bucket {
  return (BUCKETS as readonly string[]).includes(name)
}

const KEY = /^[0-9a-zA-Z_-]+(\/[0-9a-zA-Z_.-]+)*$/

export function isValidKey(key: string): boolean {
  return KEY.test(key) && !key.includes('..') && key.length <= 300
}

/** Keys are ours (uuid-based); anything else is refused before it reaches a file system or URL. */
export function assertKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`invalid storage key: ${key}`)
}
