/**
 * MapLibre 6 runs its tile work in a module worker that it looks for next to its own module; once
 * bundled, that file is wherever Vite emits it, so its URL is handed over here.
 */
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
