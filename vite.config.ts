import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The observer and coordinator PWA. The service worker is built from src/sw/sw.ts (injectManifest) and
// only asks to update (registerType prompt): a reload never happens behind the observer's back.
export default defineConfig({
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
        name: 'Trial Monitor',
        short_name: 'Trial Monitor',
        description: 'Fair-trial monitoring checklists that work offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#15181c',
        theme_color: '#15181c',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
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
