import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The renderer build. main, preload and the browser-mode host are built by
// scripts/build.mjs with the same tool, from their own entries.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  test: {
    root: '.',
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20000,
  },
});
