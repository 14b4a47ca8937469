import { Button } from '@tarojs/components'
import { useState } from 'react'
import type { AgreementStatus } from '../contracts/signing'
import { downloadAgreementPdf, hasAgreementPdf } from '../services/agreement-verification'

/**
 * 下载协议 PDF: the student's and the employer's agreement views share it (the server decides who
 * may have the paper). Hidden while the agreement is a draft. `prefix` names the e2e hooks:
 * `<prefix>-pdf` (the button) and `<prefix>-pdf-link` (the browser's temporary download link).
 */
export function AgreementPdfButton(props: {
  agreement: { id: string; number: string; status: AgreementStatus }
  prefix: string
}) {
  const [busy, setBusy] = useState(false)
  if (!hasAgreementPdf(props.agreement.status)) return null
  const download = async () => {
    if (busy) return
    setBusy(true)
    try {
      await downloadAgreementPdf(props.agreement, `${props.prefix}-pdf-link`)
    } catch {
      // downloadPdf toasted why
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button
      className={`btn ${props.prefix}-pdf`}
      loading={busy}
      disabled={busy}
      onClick={() => void download()}
    >
      下载协议 PDF
    </Button>
  )
}
