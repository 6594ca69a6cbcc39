/**
 * The OpenAPI description of the tus endpoint (served by @tus/server, not by `mountRoutes`).
 */
import type { ExtraPaths } from '../http/openapi.ts';

const tusHeader = {
  name: 'Tus-Resumable',
  in: 'header',
  required: true,
  schema: { type: 'string', enum: ['1.0.0'] },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export const tusPaths: ExtraPaths = {
  '/api/uploads': {
    post: {
      operationId: 'createUpload',
      summary:
        'Create a resumable upload (tus 1.0 creation). Upload-Metadata: surveyId, filename, sha256 (hex, optional)',
      tags: ['uploads'],
      parameters: [
        tusHeader,
        { name: 'Upload-Length', in: 'header', required: true, schema: { type: 'integer', minimum: 1 } },
        { name: 'Upload-Metadata', in: 'header', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '201': { description: 'Created; Location holds the upload URL' },
        '400': error('Bad metadata, empty or path in filename'),
        '401': error('Not signed in'),
        '404': error('Unknown survey'),
        '413': error('Too large'),
      },
    },
    options: {
      operationId: 'uploadOptions',
      summary: 'tus capabilities (Tus-Version, Tus-Extension, Tus-Max-Size)',
      tags: ['uploads'],
      security: [],
      responses: { '204': { description: 'Capabilities' } },
    },
  },
  '/api/uploads/{id}': {
    head: {
      operationId: 'uploadOffset',
      summary: 'The offset to resume from (Upload-Offset)',
      tags: ['uploads'],
      parameters: [tusHeader, idParam],
      responses: {
        '200': { description: 'Upload-Offset and Upload-Length headers' },
        '404': error('Unknown, or another organisation’s upload'),
      },
    },
    patch: {
      operationId: 'uploadChunk',
      summary: 'Append bytes at Upload-Offset (Content-Type: application/offset+octet-stream)',
      tags: ['uploads'],
      parameters: [
        tusHeader,
        idParam,
        { name: 'Upload-Offset', in: 'header', required: true, schema: { type: 'integer', minimum: 0 } },
        {
          name: 'Upload-Checksum',
          in: 'header',
          required: false,
          description:
            'tus checksum extension: "<sha1|sha256|md5> <base64 digest>" of this chunk (at most 64 MiB)',
          schema: { type: 'string' },
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/offset+octet-stream': { schema: { type: 'string', format: 'binary' } } },
      },
      responses: {
        '204': { description: 'Appended; Upload-Offset is the new offset' },
        '404': error('Unknown, or another organisation’s upload'),
        '409': error('Upload-Offset does not match'),
        '460': error('Upload-Checksum does not match: nothing was appended'),
      },
    },
    delete: {
      operationId: 'cancelUpload',
      summary: 'Cancel an upload (tus termination)',
      tags: ['uploads'],
      parameters: [tusHeader, idParam],
      responses: {
        '204': { description: 'Cancelled' },
        '404': error('Unknown, or another organisation’s upload'),
      },
    },
  },
};
