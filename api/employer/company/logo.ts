import { CompanyLogoResponse } from '../../../src/contracts/company-profile'
import { readUploadedFile } from '../../_lib/http/multipart'
import { method, route } from '../../_lib/http/route'
import { LOGO_MAX_BYTES, setCompanyLogo } from '../../_lib/jobs/company-profile'

export default route({
  POST: method({
    auth: 'required',
    response: CompanyLogoResponse,
    async handler({ req, tx }) {
      const file = await readUploadedFile(req, LOGO_MAX_BYTES)
      return { logoUrl: await setCompanyLogo(tx, file.data) }
    },
  }),
})
