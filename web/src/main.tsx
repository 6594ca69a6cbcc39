/**
 * Entry point: local fonts, global styles, the MapLibre worker, then the React app.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './fonts.ts';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { App } from './app/App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
