import { defineConfig } from 'vite';

// The app is plain Preact with JSX compiled by esbuild (no Babel preset needed). Charts
// (ECharts) are imported dynamically, so they load in their own chunk when a chart is shown.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: '/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1200, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
