/**
 * Interrupted uploads of this user (see interrupted.uploads.ts), looked up once per visit of the
 * surveys page; empty while looking or when there is nothing to resume.
 */
import { useEffect, useState } from 'react';
import { findInterruptedUploads, type InterruptedUpload } from './interrupted.uploads.ts';

const NONE: ReadonlyMap<string, InterruptedUpload> = new Map();

export function useInterruptedUploads(userId: string): ReadonlyMap<string, InterruptedUpload> {
  const [found, setFound] = useState<ReadonlyMap<string, InterruptedUpload>>(NONE);
  useEffect(() => {
    let gone = false;
    findInterruptedUploads(userId).then(
      (uploads) => {
        if (!gone) setFound(uploads);
      },
      () => undefined,
    );
    return () => {
      gone = true;
    };
  }, [userId]);
  return found;
}
