import type { ReactNode } from 'react'
import { ErrorState, Loading } from './state-views'

/** The four states of a loaded list: failed (with 重试), loading, empty, and the items. */
export function AsyncList<T>(props: {
  error: string | null
  items: T[] | null
  onRetry: () => void
  empty: ReactNode
  render: (item: T) => ReactNode
}) {
  if (props.error) return <ErrorState message={props.error} onRetry={props.onRetry} />
  if (props.items === null) return <Loading />
  if (props.items.length === 0) return <>{props.empty}</>
  return <>{props.items.map(props.render)}</>
}
