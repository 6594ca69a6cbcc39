/**
 * Puts one UploadManager (per signed-in user) above the pages, so uploads go on across page
 * switches, and warns before the tab is closed or reloaded while one is running (it would resume,
 * but only once the file is chosen again).
 */
import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { TUS_ENDPOINT } from '../api/surveys.ts';
import { UploadManager } from './upload.manager.ts';
import type { UploadSnapshot } from './upload.state.ts';

const UploadsContext = createContext<UploadManager | null>(null);

export interface UploadsProviderProps {
  readonly userId: string;
  readonly onSettled: (surveyId: string) => void;
  readonly onUnauthorized: () => void;
  readonly children: ReactNode;
}

export function UploadsProvider({
  userId,
  onSettled,
  onUnauthorized,
  children,
}: UploadsProviderProps): ReactNode {
  const [manager, setManager] = useState<UploadManager | null>(null);
  const callbacks = useRef({ onSettled, onUnauthorized });
  callbacks.current = { onSettled, onUnauthorized };

  useEffect(() => {
    const m = new UploadManager({
      userId,
      endpoint: new URL(TUS_ENDPOINT, window.location.origin).href,
      onSettled: (id) => callbacks.current.onSettled(id),
      onUnauthorized: () => callbacks.current.onUnauthorized(),
    });
    setManager(m);
    const beforeUnload = (event: BeforeUnloadEvent): void => {
      if (!m.busy()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      m.dispose();
    };
  }, [userId]);

  return <UploadsContext.Provider value={manager}>{children}</UploadsContext.Provider>;
}

/** The manager, or null during the first render. */
export function useUploadManager(): UploadManager | null {
  return useContext(UploadsContext);
}

const noSubscription = (): (() => void) => () => undefined;

export function useUpload(surveyId: string): UploadSnapshot | undefined {
  const manager = useContext(UploadsContext);
  return useSyncExternalStore(manager?.subscribe ?? noSubscription, () => manager?.snapshot(surveyId));
}
