/**
 * Live status (SPEC §2.6): every 2 s, GET /api/surveys/{id} for each survey that is queued or
 * processing, and every 15 s for one that is uploading from elsewhere (another device, or an
 * interrupted upload that may sit there for days) — never for one whose upload runs in this tab,
 * whose progress is known here. Stops when none is left and while the page is hidden (a phone in a
 * pocket does not poll); asks again at once when the page comes back. A request that gets no
 * answer is simply tried at the next tick.
 */
import { useEffect, useState } from 'react';
import { isActive, type Survey } from '../api/survey.types.ts';

export const POLL_INTERVAL_MS = 2000;
export const UPLOADING_POLL_INTERVAL_MS = 15_000;

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const onChange = (): void => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

export function useSurveyPolling(
  surveys: readonly Survey[] | null,
  refreshOne: (id: string) => Promise<void>,
  uploadingHere: () => ReadonlySet<string>,
): void {
  const visible = usePageVisible();
  const active = (surveys ?? [])
    .filter((s) => isActive(s.status))
    .map((s) => `${s.id}:${s.status}`)
    .join(',');

  useEffect(() => {
    if (!visible || active === '') return;
    const watched = active.split(',').map((entry) => {
      const [id = '', status] = entry.split(':');
      return { id, every: status === 'uploading' ? UPLOADING_POLL_INTERVAL_MS : POLL_INTERVAL_MS, last: 0 };
    });
    let stopped = false;
    let timer = 0;
    const tick = async (): Promise<void> => {
      const here = uploadingHere();
      const now = Date.now();
      const due = watched.filter((w) => !here.has(w.id) && now - w.last >= w.every - 100);
      for (const w of due) w.last = now;
      await Promise.all(due.map((w) => refreshOne(w.id).catch(() => undefined)));
      if (!stopped) timer = window.setTimeout(() => void tick(), POLL_INTERVAL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [visible, active, refreshOne, uploadingHere]);
}
