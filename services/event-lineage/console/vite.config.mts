// The analysts' console: built by `npm run build` into dist/services/event-lineage/console/,
// served by event-lineage at /console/. `npx vite --config services/event-lineage/console/vite.config.ts`
// serves it for development, proxying /api to a running event-lineage (LINEAGE_URL, default :3005).
import react from '@vitejs/plugin-react';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: resolve(root, '../../../dist/services/event-lineage/console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2_000,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': process.env.LINEAGE_URL ?? 'http://127.0.0.1:3005' },
  },
});
