/**
 * Vite build of the web app into web/dist, which the API serves at `/` (SPA fallback to index.html).
 * Web Workers (the upload's SHA-256) are built as ES modules. In development (`npm run dev -w web`)
 * `/api` is proxied to a local API on port 8080.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
