/**
 * Following a survey's processing after an upload: GET /api/surveys/{id} every 2 s until it is `ready`
 * or `failed`, printing each change (on a terminal, in place). A server that cannot be reached is
 * retried with the upload's backoff; an HTTP error (401, 404 …) ends the watch.
 */
import { NetworkError } from './api.client.ts';
import { backoffDelay } from './backoff.ts';
import { CliError } from './errors.ts';
import { formatDuration } from './format.ts';
import type { OutStream } from './io.ts';
import { describeSurvey, fetchSurvey, isFinal, type SurveyState, type SurveyTarget } from './survey.ts';

export interface WatchOptions {
  readonly intervalMs: number;
  readonly retries: number | null;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now: () => number;
  /** Non-terminal output: a progress-only change is printed at most this often. */
  readonly plainEveryMs?: number;
  /**
   * After an upload: give up when the survey stays `created`/`uploading` this long (the server has the
   * bytes but never queued the processing). Unset: wait as long as it takes.
   */
  readonly stuckAfterMs?: number;
}

const NOT_STARTED = new Set(['created', 'uploading']);

export async function watchSurvey(
  target: SurveyTarget,
  id: string,
  out: OutStream,
  options: WatchOptions,
): Promise<SurveyState> {
  const tty = out.isTTY === true;
  let shownText: string | null = null; // terminal: the line on screen; plain: the last line written
  let shownStatus: string | null = null;
  let shownAt = -Infinity;
  let failures = 0;
  let notStartedSince: number | null = null;
  while (true) {
    let state: SurveyState;
    try {
      state = (await fetchSurvey(target, id)).state;
      failures = 0;
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      failures += 1;
      if (options.retries !== null && failures > options.retries)
        throw new CliError(`${err.message}; giving up on following survey ${id}`);
      const delay = backoffDelay(failures);
      if (tty && shownText !== null) out.write('\n');
      out.write(`${err.message} — retrying in ${Math.round(delay / 1000)} s\n`);
      if (tty) shownText = null;
      await options.sleep(delay, target.signal);
      continue;
    }
    if (isFinal(state)) {
      // the caller reports the outcome (on stdout); clear the in-place line
      if (tty && shownText !== null) out.write('\r\x1b[K');
      return state;
    }
    const text = `survey ${id}: ${describeSurvey(state)}`;
    const now = options.now();
    notStartedSince = NOT_STARTED.has(state.status) ? (notStartedSince ?? now) : null;
    if (
      options.stuckAfterMs !== undefined &&
      notStartedSince !== null &&
      now - notStartedSince >= options.stuckAfterMs
    ) {
      if (tty && shownText !== null) out.write('\n');
      throw new CliError(
        `survey ${id} is still "${state.status}" ${formatDuration(now - notStartedSince)} after the upload: the server has not started ` +
          `processing it. Check later with \`belcheer status --survey ${id}\`, or ask your administrator.`,
      );
    }
    if (tty) {
      if (text !== shownText) out.write(`\r\x1b[K${text}`);
      shownText = text;
    } else {
      const due = text !== shownText && now - shownAt >= (options.plainEveryMs ?? 10_000);
      if (state.status !== shownStatus || due) {
        out.write(`${text}\n`);
        shownText = text;
        shownStatus = state.status;
        shownAt = now;
      }
    }
    await options.sleep(options.intervalMs, target.signal);
  }
}
