// PLACEHOLDER (H2 replaces this file): the 我的收藏 tab of the 求职 page (batch unfavourite, batch apply
// hands the chosen job ids to the page's onBatchApply).
export function FavouritesTab(_props: { onBatchApply: (jobIds: string[]) => void }) {
  return null
}
