/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// `retorno serve` sends `<file>.gz` when the browser accepts gzip, so the build writes
// a gzip sibling of every text file it wrote (no extra dependency: node's zlib).
function gzipSiblings(): Plugin {
  return {
    name: 'retorno-gzip-siblings',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const file = join(dir, fileName);
        writeFileSync(`${file}.gz`, gzipSync(readFileSync(file), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  // No React plugin: esbuild's automatic JSX runtime is all the app needs.
  esbuild: { jsx: 'automatic' },
  plugins: [gzipSiblings()],
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:18080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
