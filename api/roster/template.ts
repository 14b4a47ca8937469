import { method, route } from '../_lib/http/route'
import { rosterTemplateCsv } from '../_lib/roster/template'

export default route({
  GET: method({
    auth: 'none',
    // a CSV download, sent by the handler itself
    response: 'raw',
    async handler({ res }) {
      res.setHeader('content-type', 'text/csv; charset=utf-8')
      res.setHeader(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent('生源导入模板.csv')}`,
      )
      res.status(200).send(rosterTemplateCsv())
    },
  }),
})
