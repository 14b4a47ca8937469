import { z } from 'zod'
import { withServiceTx } from '../../../_lib/db/tx'
import { method, route } from '../../../_lib/http/route'
import { contentDisposition } from '../../../_lib/resumes/download'
import { agreementFileName, agreementSheet, visibleAgreement } from '../../../_lib/signing/agreement-pdf'
import { renderAgreementPdf } from '../../../_lib/signing/agreement-pdf-layout'
import { agreementVerifyUrl, publicBaseUrl } from '../../../_lib/signing/verify-link'

export default route({
  GET: method({
    auth: 'required',
    query: z.object({ id: z.string().uuid('协议编号无效') }),
    // the PDF itself; 404 (details.outcome not_found) when the caller may not read the agreement,
    // 409 (details.outcome not_printable) while it is a draft
    response: 'raw',
    async handler({ req, res, tx, query }) {
      // who may read it: RLS, with the caller's claims
      await tx((db) => visibleAgreement(db, query.id))
      // what the paper prints of the other parties, for that agreement only (agreement-pdf.ts says why)
      const sheet = await withServiceTx('agreement pdf: the parties of a visible agreement', (db) =>
        agreementSheet(db, query.id),
      )
      // rendered after both transactions: no connection waits on the PDF
      const pdf = await renderAgreementPdf(sheet, agreementVerifyUrl(publicBaseUrl(req), sheet.number))
      res.setHeader('content-type', 'application/pdf')
      res.setHeader('content-disposition', contentDisposition(agreementFileName(sheet.number)))
      res.setHeader('content-length', String(pdf.length))
      res.setHeader('cache-control', 'private, no-store')
      res.setHeader('x-content-type-options', 'nosniff')
      res.status(200).send(pdf)
      return undefined
    },
  }),
})
