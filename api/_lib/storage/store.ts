/**
 * Files (avatars now; resume attachments and stamped scans later) behind one interface: Supabase
 * Storage when SUPABASE_URL is set, else a local folder under .data/ with HMAC-signed URLs served by
 * `api/storage/[...path].ts`. Objects are private; readers get short-lived signed URLs.
 */
export interface ObjectStore {
  put(bucket: string, key: string, data: Buffer, contentType: string): Promise<void>
  /** a URL that reads the object until it expires */
  signedUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string>
  remove(bucket: string, key: string): Promise<void>
}

export const BUCKETS = ['avatars'] as const
export type Bucket = (typeof BUCKETS)[number]

/** Keys are ours (uuid-based); anything else is refused before it reaches a file system or URL. */
export function assertKey(key: string): void {
  if (!/^[0-9a-zA-Z_-]+(\/[0-9a-zA-Z_.-]+)*$/.test(key) || key.includes('..')) {
    throw new Error(`invalid storage key: ${key}`)
  }
}
