import { defineConfig } from 'vite';

// Bundles the server and its three command-line tools for Node into dist/server, so that a production
// install (`npm ci --omit=dev`) runs them without tsx; npm packages stay external. Shared code lands in chunks.
export default defineConfig({
  // The app's icons belong to dist/app only.
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist/server',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: 'src/server/main.ts',
        admin: 'src/server/admin.ts',
        export: 'src/server/export-cli.ts',
        import: 'src/server/import-cli.ts',
      },
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
