/**
 * `belcheer login`: POST /api/auth/login {"email","password"} → {"token","user"}; the token is stored
 * for that server in the credentials file.
 */
import { apiRequest } from '../api.client.ts';
import { parseCommandArgs, requireOption } from '../args.ts';
import { configDir } from '../config.dir.ts';
import { saveCredentials } from '../credentials.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { promptPassword, readFirstLine } from '../password.prompt.ts';
import { isRecord } from '../private.json.file.ts';
import { normaliseServerUrl } from '../server.url.ts';

async function readPassword(io: CliIo, fromStdin: boolean): Promise<string> {
  if (fromStdin) return readFirstLine(io.stdin);
  if (io.env.BELCHEER_PASSWORD) return io.env.BELCHEER_PASSWORD;
  if (io.stdin.isTTY) return promptPassword('Password: ', io.stdin, io.stderr);
  throw new UsageError(
    'no password: run in a terminal, set BELCHEER_PASSWORD, or pipe it with --password-stdin',
  );
}

export async function loginCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    server: { type: 'string' },
    email: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const serverInput = values.server ?? io.env.BELCHEER_SERVER;
  const server = normaliseServerUrl(requireOption(serverInput, 'server'));
  const email = requireOption(values.email, 'email');
  const password = await readPassword(io, values['password-stdin'] === true);
  if (!password) throw new UsageError('empty password');

  const answer = await apiRequest<unknown>({
    server,
    path: '/api/auth/login',
    method: 'POST',
    json: { email, password },
    fetch: io.fetch,
    signal: io.signal,
  });
  if (!isRecord(answer) || typeof answer.token !== 'string')
    throw new CliError(`${server} answered the login without a token`);
  const dir = configDir(io.env);
  await saveCredentials(dir, server, answer.token, email);
  const user = isRecord(answer.user) ? answer.user : {};
  const who = typeof user.name === 'string' ? `${user.name} <${email}>` : email;
  const org =
    isRecord(user.organisation) && typeof user.organisation.name === 'string'
      ? ` (${user.organisation.name})`
      : '';
  io.stdout.write(`Signed in to ${server} as ${who}${org}.\n`);
  return 0;
}
