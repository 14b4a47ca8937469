// PLACEHOLDER (H2 replaces this file): the favourite toggle on the job detail page.
export function FavouriteButton(_props: { jobId: string; favourited: boolean }) {
  return null
}
