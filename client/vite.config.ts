import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';

const lite = (file: string) => fileURLToPath(new URL(`./src/i18n-lite/${file}`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  // The phone's first download has a budget (100 kB gzip): screens import i18next and
  // react-i18next as usual, and get the small stand-ins (see src/i18n-lite/i18next.ts).
  resolve: {
    alias: [
      { find: /^i18next$/, replacement: lite('i18next.ts') },
      { find: /^react-i18next$/, replacement: lite('react-i18next.ts') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // A lazily loaded language stays a chunk of its own (the bundler would otherwise merge it
        // into a chunk every page preloads).
        codeSplitting: { groups: [{ name: 'lang-en', test: /shared\/src\/i18n\/en\.ts$/ }] },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/healthz': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
});
