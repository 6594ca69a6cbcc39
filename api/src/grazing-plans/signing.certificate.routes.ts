/**
 * `PUT /api/organisations/{id}/signing-certificate` (administrators): the PKCS#12 (base64) and its
 * passphrase an organisation approves grazing plans with, stored sealed under BELCHEER_SECRET_KEY.
 * `GET` shows the certificate's subject and validity, never the key.
 */
import { z } from 'zod';
import { NotFoundError } from '@belcheer/processing';
import type { Db } from '../db/db.ts';
import { defineRoute, type RouteDef } from '../http/route.ts';
import { requireCaller } from '../auth/caller.ts';
import { accountScope } from '../auth/scope.ts';
import { audit } from '../audit/audit.ts';
import { getOrganisation } from '../organisations/organisations.repository.ts';
import { certificateBody, certificateSchema } from './grazing.plans.schemas.ts';
import { readPkcs12 } from './signing.certificate.ts';
import { certificateInfo, getCertificate, upsertCertificate } from './signing.certificate.repository.ts';
import { requireSecretKey, seal } from './secret.box.ts';

const idParams = z.strictObject({ id: z.uuid('the organisation id must be a UUID') });
const PATH = '/api/organisations/:id/signing-certificate';

export function signingCertificateRoutes(db: Db, secretKey: Uint8Array | null): RouteDef[] {
  return [
    defineRoute(
      {
        method: 'put',
        path: PATH,
        summary: 'Set the organisation’s signing certificate (PKCS#12 base64 + passphrase; administrators)',
        tags: ['grazing plans'],
        access: ['admin'],
        params: idParams,
        body: certificateBody,
        response: { status: 200, description: 'The certificate', schema: certificateSchema },
        errors: [404, 409],
      },
      async ({ caller, params, body }) => {
        const me = requireCaller(caller);
        const key = requireSecretKey(secretKey);
        await getOrganisation(db, accountScope(me), params.id);
        const p12 = Buffer.from(body.pkcs12, 'base64');
        const meta = readPkcs12(p12, body.passphrase);
        const sealed = { p12: seal(key, p12), passphrase: seal(key, Buffer.from(body.passphrase, 'utf8')) };
        return db.transaction(async (tx) => {
          await upsertCertificate(tx, params.id, me.userId, sealed, meta);
          await audit(tx, me, 'update', 'signing_certificate', params.id, {
            subject: meta.subject,
            fingerprintSha256: meta.fingerprintSha256,
          });
          return certificateInfo((await getCertificate(tx, params.id))!);
        });
      },
    ),
    defineRoute(
      {
        method: 'get',
        path: PATH,
        summary: 'The organisation’s signing certificate: subject, issuer, validity, fingerprint',
        tags: ['grazing plans'],
        access: 'user',
        params: idParams,
        response: { status: 200, description: 'The certificate', schema: certificateSchema },
        errors: [404],
      },
      async ({ caller, params }) => {
        await getOrganisation(db, accountScope(requireCaller(caller)), params.id);
        const cert = await getCertificate(db, params.id);
        if (!cert) throw new NotFoundError(`organisation ${params.id} has no signing certificate`);
        return certificateInfo(cert);
      },
    ),
  ];
}
