import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The service worker (src/offline/service-worker.js) with the list of files of this build to keep for offline use:
 * the app shell, every hashed asset, the manifest and icon. Its cache name changes with the build, so a new release
 * replaces the old shell in one step.
 */
function serviceWorker(): Plugin {
  return {
    name: 'countycare-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = ['/', '/manifest.webmanifest', '/icon.svg', ...Object.keys(bundle).filter((f) => f.startsWith('assets/')).map((f) => `/${f}`)];
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(resolve(here, 'src/offline/service-worker.js'), 'utf8')
        .replace('self.__SHELL_FILES__', JSON.stringify(files))
        .replace('self.__SHELL_VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

/**
 * .gz and .br beside every text file, served by the API as they are (@fastify/static `preCompressed`). Made from the
 * files as written (writeBundle), after Vite's last rewrites of the chunks.
 */
function precompress(): Plugin {
  return {
    name: 'countycare-precompress',
    apply: 'build',
    enforce: 'post',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json|webmanifest)$/.test(fileName)) continue;
        const path = resolve(options.dir!, fileName);
        const body = readFileSync(path);
        if (body.length < 1024) continue;
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

/**
 * `npm run build:web` → dist/web, served by the API at / (apps/api/src/web-app.ts). For a CDN build, set
 * API_BASE_URL (e.g. https://api.county.example) and WEB_BASE (the path the files are served under).
 */
export default defineConfig({
  root: here,
  base: process.env.WEB_BASE ?? '/',
  define: { __API_BASE_URL__: JSON.stringify(process.env.API_BASE_URL ?? '') },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    // WEB_OUT_DIR: elsewhere than dist/web (the browser tests read the same variable)
    outDir: process.env.WEB_OUT_DIR ?? resolve(here, '../../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rolldownOptions: {
      // antd marks its modules "use client" for React Server Components, which a single-page app does not use
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  plugins: [serviceWorker(), precompress()],
  // the forms import the API's own rule tables from libs/domain (src/clinical/vitals.ts)
  server: { proxy: { '/api': 'http://127.0.0.1:3000' }, fs: { allow: [resolve(here, '../..')] } },
});
