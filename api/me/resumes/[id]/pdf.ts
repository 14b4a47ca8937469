import { z } from 'zod'
import { method, route } from '../../../_lib/http/route'
import { contentDisposition, resumeFileName } from '../../../_lib/resumes/download'
import { getResume } from '../../../_lib/resumes/online'
import { renderResumePdf } from '../../../_lib/resumes/pdf'

export default route({
  GET: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('简历编号无效') }),
    // the PDF itself
    response: 'raw',
    async handler({ tx, query, res }) {
      // read in the transaction, render after it: no connection waits on the PDF
      const resume = await tx((db) => getResume(db, query.id))
      const pdf = await renderResumePdf(resume.content, resume.lang)
      res.setHeader('content-type', 'application/pdf')
      res.setHeader('content-disposition', contentDisposition(resumeFileName(resume.content, resume.lang)))
      res.setHeader('content-length', String(pdf.length))
      res.setHeader('cache-control', 'private, no-store')
      res.setHeader('x-content-type-options', 'nosniff')
      res.status(200).send(pdf)
      return undefined
    },
  }),
})
