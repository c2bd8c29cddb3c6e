import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { loadConfig } from './config.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  () =>
    root.render(
      <main>
        <h1>Het portaal kan niet starten</h1>
        <p>De configuratie kon niet worden geladen. Probeer het later opnieuw.</p>
      </main>,
    ),
);
