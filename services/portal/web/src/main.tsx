import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.js';
import { loadConfig } from './config.js';
// NL Design System: the Utrecht component library's CSS and a theme from design tokens, then the portal's own layout.
import '@utrecht/component-library-css/dist/index.css';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <BrowserRouter>
          <App config={config} />
        </BrowserRouter>
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
