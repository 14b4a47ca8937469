import { z } from 'zod'
import { openSnapshot } from '../../../_lib/applications/employer'
import { method, route } from '../../../_lib/http/route'
import { contentDisposition, resumeFileName } from '../../../_lib/resumes/download'
import { renderResumePdf } from '../../../_lib/resumes/pdf'

/** The snapshot as a PDF (the resume as sent; opening it marks viewed). */
export default route({
  GET: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('投递编号无效') }),
    response: 'raw',
    async handler({ tx, query, res }) {
      // read in the transaction, render after it: no connection waits on the PDF
      const s = await tx((db) => openSnapshot(db, query.id))
      const pdf = await renderResumePdf(s.content, s.lang)
      res.setHeader('content-type', 'application/pdf')
      res.setHeader('content-disposition', contentDisposition(resumeFileName(s.content, s.lang)))
      res.setHeader('content-length', String(pdf.length))
      res.setHeader('cache-control', 'private, no-store')
      res.setHeader('x-content-type-options', 'nosniff')
      res.status(200).send(pdf)
    },
  }),
})
