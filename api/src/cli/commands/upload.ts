/**
 * `belcheer upload --survey ID FILE`: uploads the file over tus (resumable, see tus.upload.ts), then,
 * unless --no-wait, follows the survey's processing until it is ready or failed.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseCommandArgs, parseCount, parseSize, requireOption } from '../args.ts';
import { configDir } from '../config.dir.ts';
import { UsageError } from '../errors.ts';
import { formatBytes, formatDuration } from '../format.ts';
import type { CliIo } from '../io.ts';
import { ProgressReporter } from '../progress.reporter.ts';
import { ResumeStore } from '../resume.store.ts';
import { apiUrl } from '../server.url.ts';
import { describeSurvey } from '../survey.ts';
import { watchSurvey } from '../survey.watch.ts';
import { resolveTarget } from '../target.ts';
import { DEFAULT_UPLOAD_SETTINGS, uploadFile } from '../tus.upload.ts';
import { POLL_INTERVAL_MS, surveyOutcome } from './status.ts';

/** How long a survey may stay `uploading` after its upload completed before the CLI says so. */
const STUCK_AFTER_MS = 10 * 60_000;

async function fileToUpload(given: string): Promise<{ path: string; size: number; mtimeMs: number }> {
  const absolute = path.resolve(given);
  try {
    const s = await stat(absolute);
    if (!s.isFile()) throw new UsageError(`not a file: ${given}`);
    return { path: absolute, size: s.size, mtimeMs: s.mtimeMs };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no such file: ${given}` : `cannot read ${given}: ${code ?? String(err)}`,
    );
  }
}

export async function uploadCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    survey: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    retries: { type: 'string' },
    'chunk-size': { type: 'string' },
    'no-wait': { type: 'boolean' },
  });
  const surveyId = requireOption(values.survey, 'survey');
  if (positionals.length !== 1 || !positionals[0])
    throw new UsageError(
      positionals.length === 0 ? 'which file? belcheer upload --survey ID FILE' : 'one file at a time',
    );
  const retries = parseCount(values.retries, 'retries');
  const chunkSize =
    values['chunk-size'] === undefined
      ? DEFAULT_UPLOAD_SETTINGS.chunkSize
      : parseSize(values['chunk-size'], 'chunk-size');
  const file = await fileToUpload(positionals[0]);
  const dir = configDir(io.env);
  const { server, token } = await resolveTarget({
    server: values.server,
    token: values.token,
    env: io.env,
    configDir: dir,
  });

  const reporter = new ProgressReporter(io.stderr, { now: io.now });
  const started = io.now();
  const result = await uploadFile(
    { fetch: io.fetch, token, signal: io.signal, sleep: io.sleep, requestTimeoutMs: 60_000 },
    { endpoint: apiUrl(server, '/api/uploads'), identity: { server, surveyId, ...file } },
    { ...DEFAULT_UPLOAD_SETTINGS, chunkSize, retries },
    new ResumeStore(dir, io.now),
    reporter,
  );
  const took = formatDuration(io.now() - started);
  const resumed =
    result.resumedFrom !== null && result.resumedFrom > 0
      ? `, resumed at ${formatBytes(result.resumedFrom)}`
      : '';
  io.stdout.write(
    `uploaded ${path.basename(file.path)} (${formatBytes(file.size)}${resumed}) to survey ${surveyId} in ${took}; sha256 ${result.sha256}\n`,
  );
  if (values['no-wait']) return 0;

  const target = { server, token, fetch: io.fetch, signal: io.signal };
  const state = await watchSurvey(target, surveyId, io.stderr, {
    intervalMs: POLL_INTERVAL_MS,
    retries,
    sleep: io.sleep,
    now: io.now,
    stuckAfterMs: STUCK_AFTER_MS,
  });
  surveyOutcome(state);
  io.stdout.write(`survey ${surveyId}: ${describeSurvey(state)}\n`);
  return 0;
}
