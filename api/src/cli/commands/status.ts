/**
 * `belcheer status --survey ID`: prints the survey's status, progress and error; with --wait, follows it
 * until it is ready (exit 0) or failed (exit 1).
 */
import { parseCommandArgs, requireOption } from '../args.ts';
import { configDir } from '../config.dir.ts';
import { CliError, UsageError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { describeSurvey, fetchSurvey, type SurveyState } from '../survey.ts';
import { watchSurvey } from '../survey.watch.ts';
import { resolveTarget } from '../target.ts';

export const POLL_INTERVAL_MS = 2000;

/** Throws (exit 1) when the survey's processing failed, with the server's error. */
export function surveyOutcome(state: SurveyState): void {
  if (state.status === 'failed')
    throw new CliError(`survey ${state.id}: processing failed${state.error ? `: ${state.error}` : ''}`);
}

export async function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    survey: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    wait: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const surveyId = requireOption(values.survey, 'survey');
  const { server, token } = await resolveTarget({
    server: values.server,
    token: values.token,
    env: io.env,
    configDir: configDir(io.env),
  });
  const target = { server, token, fetch: io.fetch, signal: io.signal };

  if (values.wait) {
    const state = await watchSurvey(target, surveyId, io.stderr, {
      intervalMs: POLL_INTERVAL_MS,
      retries: null,
      sleep: io.sleep,
      now: io.now,
    });
    surveyOutcome(state);
    io.stdout.write(`survey ${surveyId}: ${describeSurvey(state)}\n`);
    return 0;
  }
  const { state, raw } = await fetchSurvey(target, surveyId);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(raw, null, 2)}\n`);
    return 0;
  }
  const lines = [`survey ${state.id}${state.name ? ` (${state.name})` : ''}`, `status:   ${state.status}`];
  if (state.progress !== null) lines.push(`progress: ${Math.round(state.progress)} %`);
  if (state.error) lines.push(`error:    ${state.error}`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
