import { defineConfig } from 'vite';

// Bundles the server (src/server/main.ts) for Node into dist/server; npm packages stay external.
export default defineConfig({
  build: {
    ssr: 'src/server/main.ts',
    outDir: 'dist/server',
    target: 'node20',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { output: { entryFileNames: 'main.js' } },
  },
});
