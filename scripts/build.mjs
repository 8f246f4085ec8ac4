// Bundles every entry point with esbuild: the CLI, the extension and its audit worker, the
// report webview, the benchmark and the calibration script.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';

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

// onnxruntime-web (ONNX model files) loads its WebAssembly runtime from beside the bundle that runs it: the CLI
// and the audit worker in dist/. Only the plain SIMD build is used (WASM backend, Node, one thread).
const ortDist = new URL('../node_modules/onnxruntime-web/dist/', import.meta.url);
mkdirSync(new URL('../dist/', import.meta.url), { recursive: true });
for (const file of ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']) {
  copyFileSync(new URL(file, ortDist), new URL(`../dist/${file}`, import.meta.url));
}

await Promise.all([
  // jsonc-parser (JSON syntax errors located without quoting the file; the spec's "groups" line SARIF points to)
  // takes its ES modules here too, as below.
  build({ ...node, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', mainFields: ['module', 'main'] }),
  // The benchmark and the calibration run from a clone only: a release build (npm pack, vsce) leaves them out.
  ...(production ? [] : [
    build({ ...node, entryPoints: ['scripts/bench.ts'], outfile: 'dist/bench.js' }),
    build({ ...node, entryPoints: ['scripts/calibration.ts'], outfile: 'dist/calibration.js' }),
    build({ ...node, entryPoints: ['scripts/calibration-fitted.ts'], outfile: 'dist/calibration-fitted.js' }),
  ]),
  build({ ...node, entryPoints: ['src/worker/audit-worker.ts'], outfile: 'dist/audit-worker.js', mainFields: ['module', 'main'] }),
  // jsonc-parser's default (UMD) build requires its parts in a way esbuild cannot follow: take its ES modules.
  build({ ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], mainFields: ['module', 'main'] }),
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
