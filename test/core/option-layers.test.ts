import { describe, expect, it } from 'vitest';
import { addLayers, layerOptions, withOptionSources } from '../../src/core/audit/option-layers';
import { sourcesLine } from '../../src/core/report/render/tables';
import type { AuditReport } from '../../src/core/report/report';

describe('layerOptions: defaults ← settings ← model file ← spec ← command line', () => {
  it('takes each option from the strongest layer that sets it, whatever order the layers come in', () => {
    const layered = layerOptions([
      { source: 'command line', options: { bootstrap: 50, alpha: undefined } },
      { source: 'spec', options: { alpha: 0.05, bootstrap: 100, seed: 7 } },
      { source: 'settings', options: { alpha: 0.2, correction: 'holm' } },
      { source: 'model file', options: { seed: 11, C: 0.5 } },
    ]);
    expect(layered.options).toEqual({ alpha: 0.05, bootstrap: 50, seed: 7, correction: 'holm', C: 0.5 });
    expect(layered.sources).toEqual({ alpha: 'spec', bootstrap: 'command line', seed: 'spec', correction: 'settings', C: 'model file' });
  });

  it('drops a settings metric or ε that does not fit the label, but keeps an explicit one for options.ts to refuse', () => {
    const settings = { source: 'settings' as const, options: { metric: 'error' as const, epsilon: 0.01 } };
    expect(layerOptions([settings], 'regression')).toEqual({ options: {}, sources: {} });
    expect(layerOptions([settings], 'classification').options).toEqual({ metric: 'error', epsilon: 0.01 });
    // An explanation metric fits either task.
    expect(layerOptions([{ source: 'settings', options: { metric: 'sufficiency' } }], 'regression').options).toEqual({ metric: 'sufficiency' });
    expect(layerOptions([{ source: 'spec', options: { metric: 'error' } }], 'regression').options).toEqual({ metric: 'error' });
  });

  it('adds layers to options already layered, keeping where each came from', () => {
    const spec = layerOptions([{ source: 'settings', options: { alpha: 0.2, seed: 3 } }, { source: 'spec', options: { alpha: 0.05 } }]);
    const withCli = addLayers(spec, [{ source: 'command line', options: { seed: 9 } }]);
    expect(withCli).toEqual({ options: { alpha: 0.05, seed: 9 }, sources: { alpha: 'spec', seed: 'command line' } });
    // A settings layer added later still sits under the spec.
    expect(addLayers(spec, [{ source: 'settings', options: { alpha: 0.3, metric: 'auc' } }], 'classification'))
      .toEqual({ options: { alpha: 0.05, seed: 3, metric: 'auc' }, sources: { alpha: 'spec', seed: 'settings', metric: 'settings' } });
  });
});

describe('withOptionSources', () => {
  const report = { settings: { technique: '1hot', model: 'lr' } } as unknown as AuditReport;

  it('names the sources as the report names its settings (the model class is "model")', () => {
    expect(withOptionSources(report, { modelClass: 'spec', bootstrap: 'command line' }).settings.sources).toEqual({ model: 'spec', bootstrap: 'command line' });
  });

  it('leaves a report whose settings are all defaults as it was', () => {
    expect(withOptionSources(report, {})).toBe(report);
    expect(withOptionSources(report, undefined)).toBe(report);
  });
});

describe('addLayers on a run that recorded no sources', () => {
  it('counts its options as the spec\'s', () => {
    expect(addLayers({ options: { metric: 'brier' } }, [{ source: 'settings', options: { metric: 'auc', alpha: 0.2 } }], 'classification'))
      .toEqual({ options: { metric: 'brier', alpha: 0.2 }, sources: { metric: 'spec', alpha: 'settings' } });
  });
});

describe('sourcesLine', () => {
  const report = (sources?: Record<string, string>) => ({ settings: { sources } }) as unknown as AuditReport;
  it('groups the settings by where they came from, strongest first, and is null for all defaults', () => {
    expect(sourcesLine(report({ alpha: 'spec', bootstrap: 'command line', seed: 'spec', technique: 'settings' })))
      .toBe('set by the command line: bootstrap · by the spec: alpha, seed · by the editor settings: technique (the rest are defaults)');
    expect(sourcesLine(report())).toBeNull();
  });
});
