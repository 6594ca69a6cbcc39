/**
 * Which server to talk to and with which token: --server, else $BELCHEER_SERVER, else the server signed
 * in to last; --token, else $BELCHEER_TOKEN, else the stored token for that server.
 */
import { readCredentials } from './credentials.ts';
import { CliError, EXIT, UsageError } from './errors.ts';
import { normaliseServerUrl } from './server.url.ts';

export interface Target {
  readonly server: string;
  readonly token: string;
}

export interface TargetInput {
  readonly server?: string | undefined;
  readonly token?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly configDir: string;
}

export async function resolveTarget({ server, token, env, configDir }: TargetInput): Promise<Target> {
  const credentials = await readCredentials(configDir);
  const chosen = server ?? env.BELCHEER_SERVER ?? credentials.server;
  if (!chosen) {
    throw new UsageError(
      'no server: pass --server URL, set BELCHEER_SERVER, or run `belcheer login --server URL --email E` first',
    );
  }
  const url = normaliseServerUrl(chosen);
  const bearer = token ?? env.BELCHEER_TOKEN ?? credentials.servers[url]?.token;
  if (!bearer) {
    throw new CliError(
      `not signed in to ${url}: run \`belcheer login --server ${url} --email E\`, or pass --token / set BELCHEER_TOKEN`,
      EXIT.auth,
    );
  }
  return { server: url, token: bearer };
}
