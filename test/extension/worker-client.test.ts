import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/core/audit/audit';
import { auditModelFile } from '../../src/core/model-file/model-audit';
import { onnxRuntimeWeb } from '../../src/runtime/onnx-runtime';
import { sha256 } from '../../src/core/data/sha256';
import { prepareDataset } from '../../src/core/audit/prepare-dataset';
import type { SpecRun } from '../../src/core/audit/audit-spec';
import { AuditCancelled, AuditCrashed, AuditRejected, startWorkerAudit, type WorkerProgress } from '../../src/extension/worker-client';

const root = resolve(__dirname, '../..');
const workerFile = join(root, 'dist/audit-worker.js');
const heart = join(root, 'examples/heart.csv');
const work = mkdtempSync(join(tmpdir(), 'fairuse-worker-'));
const run = (bootstrap: number): SpecRun => ({ load: { label: 'Disease', groups: ['Sex', 'Age'] }, buckets: [], options: { bootstrap } });

describe('startWorkerAudit', () => {
  it('gives the same report as the engine on this thread, with progress through every stage', async () => {
    const progress: WorkerProgress[] = [];
    const audit = startWorkerAudit(workerFile, { type: 'run', csvPath: heart, displayPath: 'examples/heart.csv', run: run(300) }, (p) => progress.push(p));
    const report = await audit.result;
    const local = await runAudit(prepareDataset(readFileSync(heart, 'utf8'), run(300)), { bootstrap: 300 }, { path: 'examples/heart.csv', sha256: sha256(new Uint8Array(readFileSync(heart))) });
    // The same numbers; the worker also records that B came from the run's spec.
    expect(report.settings.sources).toEqual({ bootstrap: 'spec' });
    expect(JSON.stringify({ ...report, settings: { ...report.settings, sources: undefined } })).toBe(JSON.stringify(local));
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual(['reading', 'split', 'fit-generic', 'fit-personalized', 'bootstrap', 'report']);
    const boot = progress.filter((p) => p.stage === 'bootstrap');
    expect(boot.length).toBeLessThanOrEqual(102);
    expect(boot[boot.length - 1]).toMatchObject({ done: boot[boot.length - 1].total });
  });

  it('applies the metric and ε settings only where the spec is silent and they fit the label', async () => {
    const bloodPressure = join(root, 'examples/blood-pressure.csv');
    const regression: SpecRun = { load: { label: 'systolic_bp', groups: ['sex', 'age_group'] }, buckets: [], options: { bootstrap: 50 } };
    const audit = (csvPath: string, spec: SpecRun, preferences: { metric?: 'error' | 'auc' | 'mae'; epsilon?: number }) =>
      startWorkerAudit(workerFile, { type: 'run', csvPath, displayPath: 'x.csv', run: spec, preferences }, () => {}).result;
    // The default setting (error rate, ε 0.01) does not turn a regression into an error; its own defaults hold.
    const asRegression = await audit(bloodPressure, regression, { metric: 'error', epsilon: 0.01 });
    expect(asRegression.settings.metric).toBe('mse');
    expect(asRegression.limits!.epsilon).not.toBe(0.01);
    // A regression metric setting is honoured for a regression, a classification one for a binary label.
    expect((await audit(bloodPressure, regression, { metric: 'mae' })).settings.metric).toBe('mae');
    const binary = await audit(heart, run(50), { metric: 'auc', epsilon: 0.02 });
    expect([binary.settings.metric, binary.limits!.epsilon]).toEqual(['auc', 0.02]);
    // The report says which settings the editor's settings gave, and which the spec.
    expect(binary.settings.sources).toEqual({ bootstrap: 'spec', metric: 'settings', epsilon: 'settings' });
    expect(asRegression.settings.sources).toEqual({ bootstrap: 'spec' });
    // What the spec says wins.
    const fromSpec = await audit(heart, { ...run(50), options: { bootstrap: 50, metric: 'brier', epsilon: 0.03 } }, { metric: 'auc', epsilon: 0.02 });
    expect([fromSpec.settings.metric, fromSpec.limits!.epsilon]).toEqual(['brier', 0.03]);
  });

  it('says how many groups and how long before the long work of an audit with more than 64 groups', async () => {
    const rows = ['y,ga,gb,x'];
    for (let g = 0; g < 66; g++) for (let i = 0; i < 6; i++) rows.push(`${i % 2},a${g % 11},b${Math.floor(g / 11)},${(i * 7 + g) % 11}`);
    const csvPath = join(work, 'groups66.csv');
    writeFileSync(csvPath, rows.join('\n'));
    const notices: string[] = [];
    const spec: SpecRun = { load: { label: 'y', groups: ['ga', 'gb'] }, buckets: [], options: { bootstrap: 5, explanations: false } };
    await startWorkerAudit(workerFile, { type: 'run', csvPath, displayPath: 'groups66.csv', run: spec }, (p) => { if (p.notice) notices.push(`${p.notice.message} | ${p.notice.expected}`); }).result;
    expect(notices).toEqual([expect.stringMatching(/^The audit has 66 groups \(more than 64\).*expected about (\d+ s|\d+ min)\b.* \| \d+ (s|min)$/)]);
    const few: string[] = [];
    await startWorkerAudit(workerFile, { type: 'run', csvPath: heart, displayPath: 'heart.csv', run: run(5) }, (p) => { if (p.notice) few.push(p.notice.message); }).result;
    expect(few).toEqual([]);
  });

  it('asks before explanations that dwarf the rest: skipping audits without them, no answer cancels, small audits never ask', async () => {
    // 60 groups, 150 numeric features, half the 2,000 rows held out: a net's Integrated Gradients on 1,000 rows ×
    // 61 models × 210 inputs (about 14 s) against a bootstrap of B = 20 (about 2 s).
    const rows = [['y', 'g', ...Array.from({ length: 150 }, (_, j) => `x${j}`)].join(',')];
    for (let i = 0; i < 2000; i++) rows.push([i % 2, `g${i % 60}`, ...Array.from({ length: 150 }, (_, j) => ((i * 31 + j * 17) % 97) / 97)].join(','));
    const csvPath = join(work, 'wide.csv');
    writeFileSync(csvPath, rows.join('\n'));
    const spec: SpecRun = { load: { label: 'y', groups: ['g'] }, buckets: [], options: { bootstrap: 20, modelClass: 'nn', testSize: 0.5 } };
    const request = { type: 'run' as const, csvPath, displayPath: 'wide.csv', run: spec };
    const asked: string[] = [];
    const skip = (estimate: string) => (asked.push(estimate), Promise.resolve(false));
    const skipped = await startWorkerAudit(workerFile, request, () => {}, { confirmExplanations: skip }).result;
    expect(asked).toEqual([expect.stringMatching(/^explanations will take about \d+ s \(Integrated Gradients on 1,000 test rows × 61 models; the rest of the audit about \d+ s\)$/)]);
    expect(skipped.explanations).toBeUndefined();
    expect(skipped.metrics.sufficiency).toBeUndefined();
    // Dismissing the question (undefined) cancels the audit before its long work.
    const dismissed = startWorkerAudit(workerFile, request, () => {}, { confirmExplanations: () => Promise.resolve(undefined) });
    await expect(dismissed.result).rejects.toBeInstanceOf(AuditCancelled);
    // The heart audit's explanations are cheap: no question.
    const small: string[] = [];
    await startWorkerAudit(workerFile, { type: 'run', csvPath: heart, displayPath: 'heart.csv', run: run(5) }, () => {}, { confirmExplanations: (e) => (small.push(e), Promise.resolve(true)) }).result;
    expect(small).toEqual([]);
  }, 60_000);

  it('rejects bad input with the engine\'s code and message', async () => {
    const audit = startWorkerAudit(workerFile, { type: 'run', csvPath: heart, displayPath: 'heart.csv', run: { ...run(10), load: { label: 'Nope', groups: ['Sex'] } } }, () => {});
    const error = await audit.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditRejected);
    expect((error as AuditRejected).code).toBe('UNKNOWN_COLUMN');
    expect((error as Error).message).toMatch(/Nope/);
  });

  it('rejects a missing CSV as an input problem, not a crash', async () => {
    const audit = startWorkerAudit(workerFile, { type: 'run', csvPath: join(work, 'gone.csv'), displayPath: 'gone.csv', run: run(10) }, () => {});
    const error = await audit.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditRejected);
    expect((error as Error).message).toMatch(/No CSV file at .*gone\.csv/);
  });

  it('cancels a long audit during the bootstrap', async () => {
    let audit: ReturnType<typeof startWorkerAudit> | undefined = undefined;
    let sawBootstrap = false;
    audit = startWorkerAudit(workerFile, { type: 'run', csvPath: heart, displayPath: 'heart.csv', run: run(1_000_000) }, (p) => {
      if (p.stage === 'bootstrap' && !sawBootstrap) {
        sawBootstrap = true;
        audit!.cancel();
      }
    });
    const started = Date.now();
    await expect(audit.result).rejects.toBeInstanceOf(AuditCancelled);
    expect(sawBootstrap).toBe(true);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reports a worker that throws or exits as a crash with details', async () => {
    const throwing = join(work, 'throwing-worker.js');
    writeFileSync(throwing, "require('node:worker_threads').parentPort.once('message', () => { throw new Error('boom'); });\n");
    const a = await startWorkerAudit(throwing, { type: 'run', csvPath: heart, displayPath: 'x', run: run(1) }, () => {}).result.catch((e: unknown) => e);
    expect(a).toBeInstanceOf(AuditCrashed);
    expect((a as AuditCrashed).details).toMatch(/boom/);

    const exiting = join(work, 'exiting-worker.js');
    writeFileSync(exiting, "require('node:worker_threads').parentPort.once('message', () => process.exit(3));\n");
    const b = await startWorkerAudit(exiting, { type: 'run', csvPath: heart, displayPath: 'x', run: run(1) }, () => {}).result.catch((e: unknown) => e);
    expect(b).toBeInstanceOf(AuditCrashed);
    expect((b as Error).message).toMatch(/exit code 3/);
  });

  it('audits an ONNX model file in the worker (the WASM runtime beside the bundle), as the engine does in-process', async () => {
    const model = join(root, 'test/fixtures/models/heart-lr.onnx');
    const request = { type: 'run' as const, csvPath: heart, displayPath: 'heart.csv', run: run(100), model: { path: model, displayPath: 'heart-lr.onnx', maxModelMB: 100 } };
    const report = await startWorkerAudit(workerFile, request, () => {}).result;
    const local = await auditModelFile(
      { data: { bytes: new Uint8Array(readFileSync(heart)), path: 'heart.csv' }, model: { bytes: new Uint8Array(readFileSync(model)), path: 'heart-lr.onnx' }, load: run(100).load, options: { bootstrap: 100 } },
      { onnx: onnxRuntimeWeb() },
    );
    expect(report.model).toMatchObject({ source: 'onnx' });
    expect(JSON.stringify(report)).toBe(JSON.stringify(local));
  });

  it('applies the editor\'s metric and ε settings to a model file only where they fit its label (a regressor keeps MSE)', async () => {
    const dir = join(root, 'test/fixtures/onnx-regression');
    const model = { path: join(dir, 'linear.onnx'), displayPath: 'linear.onnx', maxModelMB: 100 };
    const regressionRun: SpecRun = { load: { label: 'bp', groups: ['sex', 'site'], splitColumn: 'split' }, buckets: [], options: { bootstrap: 50, explanations: false } };
    const request = (preferences: { metric?: 'error' | 'mae'; epsilon?: number }) => ({ type: 'run' as const, csvPath: join(dir, 'data.csv'), displayPath: 'data.csv', run: regressionRun, model, preferences });
    // Before: the worker applied them as for a classifier, and the error rate was refused for the numeric label.
    const asRegression = await startWorkerAudit(workerFile, request({ metric: 'error', epsilon: 0.01 }), () => {}).result;
    expect([asRegression.dataset.task, asRegression.settings.metric]).toEqual(['regression', 'mse']);
    expect(asRegression.settings.sources).toEqual({ bootstrap: 'spec', explanations: 'spec' });
    const mae = await startWorkerAudit(workerFile, request({ metric: 'mae' }), () => {}).result;
    expect(mae.settings.metric).toBe('mae');
    expect(mae.settings.sources).toMatchObject({ metric: 'settings' });
  });

  it('leaves the editor\'s interventions setting out of a model file\'s audit, but refuses a spec that asks for them', async () => {
    const model = { path: join(root, 'test/fixtures/models/heart-lr.onnx'), displayPath: 'heart-lr.onnx', maxModelMB: 100 };
    const base = { type: 'run' as const, csvPath: heart, displayPath: 'heart.csv', model };
    const fromSettings: SpecRun = { ...run(20), options: { bootstrap: 20, interventions: true }, sources: { bootstrap: 'spec', interventions: 'settings' } };
    const report = await startWorkerAudit(workerFile, { ...base, run: fromSettings }, () => {}).result;
    expect(report.interventions).toBeUndefined();
    const asked = { ...base, run: { ...run(20), options: { bootstrap: 20, interventions: true } } };
    const error = await startWorkerAudit(workerFile, asked, () => {}).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditRejected);
    expect((error as AuditRejected).code).toBe('BAD_OPTION');
    expect((error as Error).message).toMatch(/interventions cannot run on the model file/);
  });

  it('refuses a model file over the size limit before reading it', async () => {
    const model = join(root, 'test/fixtures/models/heart-lr.onnx');
    const request = { type: 'run' as const, csvPath: heart, displayPath: 'heart.csv', run: run(10), model: { path: model, displayPath: 'm.onnx', maxModelMB: 1e-6 } };
    const error = await startWorkerAudit(workerFile, request, () => {}).result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuditRejected);
    expect((error as AuditRejected).code).toBe('MODEL_TOO_LARGE');
  });
});
