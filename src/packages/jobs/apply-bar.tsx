// PLACEHOLDER (H5 replaces this file): the apply bar at the bottom of the job detail page; it loads
// the student's own application to this job itself.
export function ApplyBar(_props: { jobId: string; open: boolean }) {
  return null
}
