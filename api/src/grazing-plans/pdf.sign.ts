/**
 * Signs a report that carries a PAdES placeholder with an organisation's PKCS#12: a detached CMS
 * (CAdES) signature over the byte ranges, written into the placeholder by @signpdf. `pdfsig` (poppler)
 * and Adobe Reader verify it.
 */
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';

const signer = new SignPdf();

export async function signPdf(
  pdf: Buffer,
  p12: Buffer,
  passphrase: string,
  signingTime: Date,
): Promise<Buffer> {
  return signer.sign(pdf, new P12Signer(p12, { passphrase }), signingTime);
}
