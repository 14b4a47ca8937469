/** `?a=1&b=2` from the set values (empty string when none), each value URI-encoded. */
export function queryString(params: object): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return q.length ? `?${q.join('&')}` : ''
}
