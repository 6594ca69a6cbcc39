/**
 * SQL of signing certificates, one per organisation; the PKCS#12 and passphrase are stored sealed
 * (see secret.box.ts), the descriptive fields in clear.
 */
import type { Queryable } from '../db/db.ts';
import type { CertificateInfo } from './grazing.plans.schemas.ts';
import type { CertificateMeta } from './signing.certificate.ts';

export interface StoredCertificate extends CertificateInfo {
  readonly p12Sealed: string;
  readonly passphraseSealed: string;
}

interface Row {
  organisation_id: string;
  p12_encrypted: string;
  passphrase_encrypted: string;
  subject: string;
  issuer: string;
  not_before: Date;
  not_after: Date;
  fingerprint_sha256: string;
  updated_at: Date;
}

export async function upsertCertificate(
  db: Queryable,
  organisationId: string,
  userId: string,
  sealed: { p12: string; passphrase: string },
  meta: CertificateMeta,
): Promise<void> {
  await db.query(
    `INSERT INTO signing_certificates (organisation_id, p12_encrypted, passphrase_encrypted, subject, issuer,
            not_before, not_after, fingerprint_sha256, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (organisation_id) DO UPDATE SET p12_encrypted = $2, passphrase_encrypted = $3, subject = $4,
            issuer = $5, not_before = $6, not_after = $7, fingerprint_sha256 = $8, updated_by = $9,
            updated_at = now()`,
    [
      organisationId,
      sealed.p12,
      sealed.passphrase,
      meta.subject,
      meta.issuer,
      meta.notBefore,
      meta.notAfter,
      meta.fingerprintSha256,
      userId,
    ],
  );
}

export async function getCertificate(
  db: Queryable,
  organisationId: string,
): Promise<StoredCertificate | null> {
  const rows = await db.query<Row>('SELECT * FROM signing_certificates WHERE organisation_id = $1', [
    organisationId,
  ]);
  const r = rows[0];
  if (!r) return null;
  return {
    organisationId: r.organisation_id,
    subject: r.subject,
    issuer: r.issuer,
    notBefore: new Date(r.not_before).toISOString(),
    notAfter: new Date(r.not_after).toISOString(),
    fingerprintSha256: r.fingerprint_sha256,
    updatedAt: new Date(r.updated_at).toISOString(),
    p12Sealed: r.p12_encrypted,
    passphraseSealed: r.passphrase_encrypted,
  };
}

/** What may be shown of a stored certificate: everything but the sealed key and passphrase. */
export function certificateInfo(c: StoredCertificate): CertificateInfo {
  const { p12Sealed: _p12, passphraseSealed: _passphrase, ...info } = c;
  return info;
}
