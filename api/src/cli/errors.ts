/**
 * The CLI's error type and its exit codes. Anything a user can act on is a CliError with a message
 * written for them; main.ts prints the message (never a stack) and exits with the code.
 */

export const EXIT = {
  ok: 0,
  /** The server refused or failed, the network gave up, or the survey's processing failed. */
  failed: 1,
  /** Bad command line. */
  usage: 2,
  /** Not signed in, token rejected (401) or not allowed (403). */
  auth: 3,
  /** The survey (or another resource) does not exist (404). */
  notFound: 4,
  /** Interrupted by Ctrl-C; an upload can be resumed by running the same command again. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
    this.name = 'UsageError';
  }
}

/** An HTTP error answer from the server, with the message of its JSON error body. */
export class HttpError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    /** From a Retry-After header (429, 503): how long the server asked us to wait. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message, exitCodeForStatus(status));
    this.name = 'HttpError';
  }
}

export function exitCodeForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404 || status === 410) return EXIT.notFound;
  return EXIT.failed;
}

/** Thrown when the user pressed Ctrl-C (the AbortSignal of the run fired). */
export class InterruptedError extends CliError {
  constructor(message = 'interrupted') {
    super(message, EXIT.interrupted);
    this.name = 'InterruptedError';
  }
}
