import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = path.dirname(fileURLToPath(import.meta.url));

// Built into the package's dist/, which the portal server serves and Nx caches.
export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: path.join(here, '../dist/web'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3010', '/config.json': 'http://127.0.0.1:3010' } },
});
