import { defineConfig } from 'vite';

const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

/** The web app: built into dist/web and served by the API server on the same port. */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: 'public',
  // Vite transforms TSX itself (oxc); React's automatic runtime needs no import in each file.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rolldownOptions: {
      // react-router and TanStack Query mark their hooks "use client" for React Server Components;
      // a browser-only bundle has nothing to do with that, so the notice about it is only noise.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npx vite --config web/vite.config.ts` during development, with a server started on port 3000.
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
