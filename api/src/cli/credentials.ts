/**
 * The credentials file (`credentials.json` in the config dir, mode 0600): one bearer token per server,
 * and which server was signed in to last (the default for commands without --server).
 */
import path from 'node:path';
import { isRecord, readJsonFile, writePrivateJsonFile } from './private.json.file.ts';

export interface ServerCredentials {
  readonly token: string;
  readonly email: string | null;
  readonly savedAt: string;
}

export interface CredentialsFile {
  readonly server: string | null;
  readonly servers: Readonly<Record<string, ServerCredentials>>;
}

export const CREDENTIALS_FILE = 'credentials.json';

function parseServerCredentials(value: unknown): ServerCredentials | null {
  if (!isRecord(value) || typeof value.token !== 'string' || value.token === '') return null;
  return {
    token: value.token,
    email: typeof value.email === 'string' ? value.email : null,
    savedAt: typeof value.savedAt === 'string' ? value.savedAt : '',
  };
}

export async function readCredentials(dir: string): Promise<CredentialsFile> {
  const raw = await readJsonFile(path.join(dir, CREDENTIALS_FILE));
  const servers: Record<string, ServerCredentials> = {};
  if (isRecord(raw) && isRecord(raw.servers)) {
    for (const [server, value] of Object.entries(raw.servers)) {
      const parsed = parseServerCredentials(value);
      if (parsed) servers[server] = parsed;
    }
  }
  const server = isRecord(raw) && typeof raw.server === 'string' ? raw.server : null;
  return { server, servers };
}

export async function saveCredentials(
  dir: string,
  server: string,
  token: string,
  email: string | null,
): Promise<void> {
  const current = await readCredentials(dir);
  const entry: ServerCredentials = { token, email, savedAt: new Date().toISOString() };
  await writePrivateJsonFile(path.join(dir, CREDENTIALS_FILE), {
    server,
    servers: { ...current.servers, [server]: entry },
  });
}
