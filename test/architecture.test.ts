import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The structure the code keeps (docs/architecture.md): a pure core, layers that import downwards only
 * (core ← files/runtime ← worker/cli ← extension; the webview reaches the host through src/protocol only),
 * and no import circle.
 */
const root = resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

const files = [...sources('src'), ...sources('webview')];

/** Every module a file imports: bare package names as written, relative ones resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"\n]+)['"]/gm)].map((m) => m[1]);
  return found.map((spec) => {
    if (!spec.startsWith('.')) return spec;
    const base = relative(root, resolve(dirname(join(root, file)), spec));
    for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) if (files.includes(candidate)) return candidate;
    return base;
  });
}

const graph = new Map(files.map((file) => [file, importsOf(file)]));
const layerOf = (file: string): string => (file.startsWith('webview/') ? 'webview' : file.split('/')[1].replace(/\.ts$/, ''));

describe('the structure of the code', () => {
  it('the core reads no files, starts no processes and knows nothing of the editor', () => {
    const forbidden = /^(vscode|fs|node:fs|node:fs\/promises|fs\/promises|child_process|node:child_process|worker_threads|node:worker_threads|net|node:net|http|node:http|https|node:https)$/;
    const offending = files.filter((f) => f.startsWith('src/core/')).flatMap((f) => graph.get(f)!.filter((m) => forbidden.test(m)).map((m) => `${f} imports ${m}`));
    expect(offending).toEqual([]);
  });

  it('imports run downwards: the core imports nothing outside it, the webview reaches the host only through src/protocol', () => {
    const allowed: Record<string, readonly string[]> = {
      core: ['core'],
      protocol: ['core', 'protocol'],
      files: ['core', 'files'],
      runtime: ['core', 'runtime'],
      worker: ['core', 'files', 'runtime', 'protocol', 'worker'],
      cli: ['core', 'files', 'runtime', 'cli'],
      extension: ['core', 'files', 'protocol', 'extension'],
      webview: ['core', 'protocol', 'webview'],
    };
    const offending: string[] = [];
    for (const [file, imports] of graph) {
      const from = layerOf(file);
      for (const target of imports.filter((m) => graph.has(m))) {
        const to = layerOf(target);
        if (from === to) continue;
        if (!(allowed[from] ?? []).includes(to)) offending.push(`${file} (${from}) imports ${target} (${to})`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      state.set(file, 'open');
      for (const next of graph.get(file)!.filter((m) => graph.has(m))) {
        if (state.get(next) === 'open') circles.push([...path.slice(path.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next, [...path, next]);
      }
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(circles).toEqual([]);
  });

  it('the front ends run every audit through the one engine entry, src/core/engine.ts', () => {
    // The engine's inner steps, each of which only the entry may choose.
    const inner = new Set(['runAudit', 'runAudits', 'auditGivenPredictions', 'auditModelFile']);
    const frontEnds = files.filter((f) => /^src\/(cli|worker|extension)\//.test(f));
    const offending = frontEnds.flatMap((f) => {
      const text = readFileSync(join(root, f), 'utf8');
      const named = [...text.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s*from/gm)].flatMap((m) => m[1].split(',').map((n) => n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]));
      return named.filter((name) => inner.has(name)).map((name) => `${f} imports ${name}`);
    });
    expect(offending).toEqual([]);
    const callers = frontEnds.filter((f) => graph.get(f)!.includes('src/core/engine.ts'));
    expect(callers.sort()).toEqual(['src/cli/main.ts', 'src/worker/audit-worker.ts']);
  });

  it('the core shows its rooms: at most a dozen entries at its top', () => {
    expect(readdirSync(join(root, 'src/core')).length).toBeLessThanOrEqual(12);
  });
});
