// Bundles every entry point with esbuild: the CLI, the extension and its audit worker, the
// report webview, the benchmark and the calibration script.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const node = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { FAIRUSE_VERSION: JSON.stringify(version) },
};

await Promise.all([
  build({ ...node, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js' }),
  build({ ...node, entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js' }),
  build({ ...node, entryPoints: ['scripts/calibration.ts'], outfile: 'dist/calibration.js' }),
  build({ ...node, entryPoints: ['src/worker/audit-worker.ts'], outfile: 'dist/audit-worker.js' }),
  build({ ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The webview runs in the editor's sandboxed iframe: a browser bundle, served from media/ only.
  build({
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    entryPoints: ['webview/main.ts'],
    outfile: 'media/dist/webview.js',
  }),
]);
