import { defineConfig } from 'vitest/config';

// The server serves dist/ under a strict CSP (script-src 'self', style-src 'self'), so the build
// must not inject any inline script or style: no module-preload polyfill, CSS as a file.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2020',
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
