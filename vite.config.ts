import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';

// The observer and coordinator PWA. The service worker is built from src/sw/sw.ts (injectManifest) and
// only asks to update (registerType prompt): a reload never happens behind the observer's back.
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  // Shown in settings, so an observer can tell support which version the phone runs.
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        id: '/',
        name: 'Trial Monitor',
        short_name: 'Trial Monitor',
        lang: 'en',
        description: 'Fair-trial monitoring checklists that work offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#15181c',
        theme_color: '#15181c',
        // PNGs rendered from icon.svg by scripts/render-icons.ts: Android needs 192 and 512 (and a maskable
        // one it can crop to any shape); iOS reads apple-touch-icon.png from index.html instead.
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  build: {
    outDir: 'dist/app',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
});
