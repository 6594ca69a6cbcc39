/**
 * What the UI knows about one survey's upload at a moment: an immutable snapshot, replaced on each
 * change (so React can compare by identity).
 */

export type UploadPhase =
  /** Reading the file's first bytes and looking for an interrupted upload of it. */
  | 'checking'
  /** Computing the whole-file SHA-256 before creating the upload. */
  | 'hashing'
  | 'uploading'
  | 'paused'
  /** The browser is offline: the upload goes on by itself when the network is back. */
  | 'offline'
  | 'cancelling'
  | 'done'
  | 'failed';

export type UploadProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'notTiff' }
  /** The server refused or failed: its own message (SPEC §3 error body) and status. */
  | { readonly kind: 'server'; readonly status: number; readonly message: string }
  /** No answer after every retry. */
  | { readonly kind: 'network'; readonly message: string };

export interface UploadSnapshot {
  readonly surveyId: string;
  readonly fileName: string;
  readonly size: number;
  readonly phase: UploadPhase;
  /** Bytes sent (the server's offset plus the chunk in flight). */
  readonly sent: number;
  /** Bytes hashed, while `phase` is 'hashing'. */
  readonly hashed: number;
  /** Bytes per second over the last seconds, or null while unknown. */
  readonly speed: number | null;
  /** Seconds left at that speed, or null while unknown. */
  readonly secondsLeft: number | null;
  /** When an interrupted upload of the same file was found: how far it had got, in %. */
  readonly resumedAt: number | null;
  /** While a failed request waits to be retried: the attempt and when it will be made (ms epoch). */
  readonly retry: { readonly attempt: number; readonly at: number } | null;
  readonly problem: UploadProblem | null;
}

/** Phases in which the upload holds on to the file and leaving the page would interrupt it. */
export function isBusy(phase: UploadPhase): boolean {
  return phase === 'checking' || phase === 'hashing' || phase === 'uploading' || phase === 'cancelling';
}

export function percentOf(snapshot: UploadSnapshot): number {
  if (snapshot.size <= 0) return 0;
  const bytes = snapshot.phase === 'hashing' ? snapshot.hashed : snapshot.sent;
  return Math.min(100, (bytes / snapshot.size) * 100);
}
