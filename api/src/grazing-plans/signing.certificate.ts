/**
 * An organisation's signing certificate: a PKCS#12 (.p12/.pfx, as the national ESIGN service issues)
 * with one private key and its X.509 certificate. Parsed with node-forge to check the passphrase and
 * read the subject, issuer, validity and SHA-256 fingerprint before it is stored encrypted.
 */
import forge from 'node-forge';
import { createHash } from 'node:crypto';
import { ValidationError } from '@belcheer/processing';

/** PKCS#12 bag types (RFC 7292 §4.2): keyBag, pkcs8ShroudedKeyBag, certBag. */
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

export interface CertificateMeta {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprintSha256: string;
  /** The subject's common name, shown on the report's signature line. */
  readonly commonName: string;
}

function dn(attrs: forge.pki.CertificateField[]): string {
  return attrs.map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ');
}

/** Reads a PKCS#12; a wrong passphrase, a missing key or certificate is a ValidationError. */
export function readPkcs12(p12: Uint8Array, passphrase: string): CertificateMeta {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const der = forge.util.createBuffer(Buffer.from(p12).toString('binary'));
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), false, passphrase);
  } catch {
    throw new ValidationError('pkcs12: not a PKCS#12 file, or the passphrase does not open it');
  }
  const certs = parsed.getBags({ bagType: CERT_BAG })[CERT_BAG] ?? [];
  const keys = [KEY_BAG, SHROUDED_KEY_BAG].flatMap((bagType) => parsed.getBags({ bagType })[bagType] ?? []);
  const cert = certs.find((b) => b.cert)?.cert;
  if (!cert) throw new ValidationError('pkcs12: the file holds no X.509 certificate');
  if (keys.length === 0) throw new ValidationError('pkcs12: the file holds no private key');
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes();
  const cn = cert.subject.getField('CN') as forge.pki.CertificateField | null;
  return {
    subject: dn(cert.subject.attributes),
    issuer: dn(cert.issuer.attributes),
    notBefore: cert.validity.notBefore,
    notAfter: cert.validity.notAfter,
    fingerprintSha256: createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
    commonName: cn ? String(cn.value) : dn(cert.subject.attributes),
  };
}
