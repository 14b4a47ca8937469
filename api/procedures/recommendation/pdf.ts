import { method, route } from '../../_lib/http/route'
import {
  recommendationFileName,
  recommendationSheet,
  renderRecommendationPdf,
} from '../../_lib/procedures/recommendation-pdf'
import { contentDisposition } from '../../_lib/resumes/download'

export default route({
  GET: method({
    auth: 'required',
    // the PDF itself; 409 (details.reason recommendation_not_approved) until the form is approved
    response: 'raw',
    async handler({ tx, res }) {
      // read in the transaction, render after it: no connection waits on the PDF
      const sheet = await tx((db) => recommendationSheet(db))
      const pdf = await renderRecommendationPdf(sheet)
      res.setHeader('content-type', 'application/pdf')
      res.setHeader('content-disposition', contentDisposition(recommendationFileName(sheet.name)))
      res.setHeader('content-length', String(pdf.length))
      res.setHeader('cache-control', 'private, no-store')
      res.setHeader('x-content-type-options', 'nosniff')
      res.status(200).send(pdf)
      return undefined
    },
  }),
})
