/**
 * The options of a model file's audit: the request's over a JSON model's training settings over the editor's
 * settings, and the options a model file refuses (interventions, another technique or h0 class, another split).
 */
import { addLayers, type LayeredOptions, type OptionLayer } from '../../audit/option-layers';
import { type AuditOptions, resolveOptions } from '../../audit/options';
import type { Task } from '../../data/task';
import { AuditInputError } from '../../errors';
import type { ModelClass } from '../../learn/model-class';
import { type EngineModel, MODEL_CLASS_OF } from '../engine-model';
import type { LoadedModel } from '../read-model-file';
import type { ModelAuditRequest } from './model-audit-request';

type OptionsRequest = Pick<ModelAuditRequest, 'options' | 'sources' | 'settings'>;

/**
 * The request's options over a JSON model's training settings (its technique, penalty and split, so the same data
 * gets the same split) over the editor's settings, each with its source (audit/option-layers.ts).
 */
export function modelFileOptions(request: OptionsRequest, model: EngineModel | undefined, task?: Task): LayeredOptions {
  const layers: OptionLayer[] = [];
  if (model) {
    const split = model.training.split;
    layers.push({
      source: 'model file',
      options: {
        technique: model.technique,
        C: model.training.C === 'Infinity' ? Infinity : model.training.C,
        ...('seed' in split ? { seed: split.seed, testSize: split.testSize } : {}),
      },
    });
  }
  if (request.settings) {
    const { metric, epsilon, ...taskFree } = request.settings;
    layers.push({ source: 'settings', options: task === undefined ? taskFree : { ...taskFree, metric, epsilon } });
  }
  const layered = addLayers(request, layers, task);
  if (layered.sources.interventions !== 'settings') return layered;
  // The editor's interventions setting is for the models it trains: a model file cannot have them.
  const { interventions: _option, ...options } = layered.options;
  const { interventions: _source, ...sources } = layered.sources;
  return { options, sources };
}

/** The JSON model of a loaded file, when it is one. */
export function engineModelOf(loaded: LoadedModel): EngineModel | undefined {
  return loaded.kind === 'json' ? loaded.model : undefined;
}

/** SPEC §6 refits (each group's decoupled model, a choice among models on a validation split): refused for a file. */
export function refuseInterventions(request: ModelAuditRequest, loaded: LoadedModel): void {
  if (modelFileOptions(request, engineModelOf(loaded)).options.interventions !== true) return;
  throw new AuditInputError(
    'BAD_OPTION',
    `The interventions cannot run on the model file ${request.model.path}: they train decoupled models and choose among models on a validation split.`,
    'Turn them off ("interventions": false in the spec, or leave out --intervene), or serve groups with h0 by the spec\'s "assign".',
  );
}

const H0_WORDS: Readonly<Record<ModelClass, string>> = { lr: 'a linear', rf: 'a random-forest', nn: 'a neural-net' };

/** h0 is of the engine model file's class (so the audit of the file is the in-process audit), else linear. */
export function genericClassFor(request: ModelAuditRequest, loaded: LoadedModel): ModelClass {
  const h0Class: ModelClass = loaded.kind === 'json' ? MODEL_CLASS_OF[loaded.model.modelClass] : 'lr';
  const asked = request.options.modelClass;
  if (asked !== undefined && asked !== h0Class) {
    throw new AuditInputError(
      'BAD_OPTION',
      `This model file is audited against ${H0_WORDS[h0Class]} h0 (--model ${h0Class}); --model ${asked} applies only to models the engine trains.`,
      'Leave out --model (or "modelClass") when auditing a model file.',
    );
  }
  return h0Class;
}

/** A model file has its own technique: another one asked for is refused. */
export function checkTechnique(options: Partial<AuditOptions>, model: EngineModel): void {
  if (options.technique !== undefined && options.technique !== model.technique) {
    throw new AuditInputError('BAD_OPTION', `The technique ${options.technique} is not the model file's (${model.technique}).`, 'Leave out --technique: a model file has its own.');
  }
}

/**
 * On the file a model was trained on, only the recorded split holds out rows the model never saw: another seed,
 * test size or split column would test it on its own training rows, an optimistic audit. Refused, with the fix.
 */
export function requireRecordedSplit(model: EngineModel, request: ModelAuditRequest): void {
  const split = model.training.split;
  const { seed, testSize } = request.options;
  const asked = request.load.splitColumn;
  const conflict =
    'seed' in split
      ? asked !== undefined || (seed !== undefined && seed !== split.seed) || (testSize !== undefined && testSize !== split.testSize)
      : asked !== undefined && asked !== split.splitColumn;
  if (!conflict) return;
  const recorded = 'seed' in split ? `seed ${split.seed} and test size ${split.testSize}` : `the split column '${split.splitColumn}'`;
  throw new AuditInputError(
    'BAD_OPTION',
    `The model ${request.model.path} was trained on this file with ${recorded}; another split would put rows it was trained on among the test rows.`,
    'Leave out --seed, --test-size and --split-column (the recorded split is used), or audit on other data.',
  );
}

/** The seed and test size of the split, defaults filled in. */
export function resolvedSplitOptions(options: Partial<AuditOptions>): { seed: number; testSize: number } {
  const { seed, testSize } = resolveOptions(options);
  return { seed, testSize };
}
