import { parseArgs } from 'node:util';
import { closestName } from '../core/data/closest-name';
import { AuditInputError } from '../core/errors';
import type { AuditOptions } from '../core/audit/options';
import type { MetricId } from '../core/audit/metrics';
import type { Correction } from '../core/audit/stats/correction';
import type { Technique } from '../core/learn/technique';
import type { ModelClass } from '../core/learn/model-class';
import { TASKS, type Task } from '../core/data/task';
import { MODEL_KINDS, type ModelKind } from '../core/model-file/read-model-file';

export const USAGE = `Usage: fairuse audit <data.csv> --label <col> --groups <col,col…> [options]
       fairuse audit --spec <name.fairuse.json> [options]
       fairuse audit <data.csv> --model-file <model.json|model.onnx|predictions.csv> [options]
       fairuse train <data.csv> --label <col> --groups <col,col…> --save-model <model.json> [options]
       fairuse train --spec <name.fairuse.json> --save-model <model.json> [options]
       fairuse diff <OLD.json> <NEW.json> [--json <file|->] [--markdown <file|->]

Checks whether a personalized model (with the group attributes) beats the generic model h0 (without
them) for every intersectional group, and whether any group would do better reporting as another.

Options:
  --spec <file>              read data, label, groups and settings from an audit spec (the file the
                             editor writes); options given on the command line override it
  --label <col>              label column (required): binary (classification), or numeric with more
                             than two values (regression: MSE and MAE; ridge, forest or net regressors)
  --groups <cols>            group attribute columns, comma-separated (required); a numeric column is
                             bucketed as column:cut:cut (age:40:65 → <40, 40-65, 65+)
  --features <cols>          feature columns (default: every other column)
  --positive <value>         label value that means positive (default: 1 / true / yes / the larger);
                             binary labels only
  --task classification|regression
                             what the label is, when its values could be either: a numeric label with
                             five or fewer values is refused until you say (default: two values are a
                             classification, more numbers a regression)
  --missing-values <texts>   cell texts that also mean "missing", comma-separated (e.g. n.d.,-), besides
                             empty, NA, N/A, NaN, null, None and ?
  --technique 1hot|all|dcp   how the personalized model uses groups (default 1hot)
  --model lr|rf|nn           model class of h0 and h: logistic regression (ridge for regression),
                             random forest (100 trees, depth ≤ 20) or neural net (5, 2) with Platt
                             scaling; for regression ridge, a variance-reduction forest or a
                             squared-loss net (default lr)
  --metric error|auc|ece|logloss|brier|mse|mae|sufficiency|comprehensiveness
                             metric that decides violations and the exit status (default error, mse
                             for regression); every metric of the label's task is computed and reported,
                             and sufficiency and comprehensiveness (docs/explanations.md)
  --explain-fraction <r>     share of the inputs an explanation keeps: the top ⌈r·d⌉ (default 0.5)
  --no-explanations          skip the explanation metrics (docs/explanations.md)
  --split-column <col>       column of train/test marks, instead of a random split
  --test-size <fraction>     held-out fraction per (group, label) stratum, per group for regression
                             (default 0.2)
  --seed <int>               seed of the split and the bootstrap (default 2338)
  --bootstrap <B>            bootstrap resamples (default 1000)
  --alpha <level>            significance level (default 0.1)
  --correction bonferroni|holm  multiple-testing correction (default bonferroni)
  --C <number>               inverse L2 penalty of the logistic (or ridge) regressions; Infinity = none
                             (default 1)
  --threshold <p>            decision threshold (default 0.5)
  --min-group-size <n>       groups with fewer test rows are reported, not tested (default 10)
  --intervene                also audit the interventions (violating groups get h0, or their decoupled
                             model, or each group the best model on a validation split) and data minimization
  --epsilon <gain>           smallest gain worth detecting, for what the data can validate, in the
                             decisive metric's unit (default 0.01; regression: 1% of h0's MSE or MAE)

Auditing a model you already have (the engine trains only h0):
  --model-file <file>        the personalized model: the engine's model JSON, an ONNX model, or a
                             predictions CSV (pred@generic, pred@<group id>, …); label and groups
                             default to what the model states
  --model-kind json|onnx|predictions   the format, when the file name does not tell
  --model-columns <cols>     an ONNX model's input columns in order (age,Sex=Female,…), when its
                             metadata has no fairuse.columns
  --train-data <csv>         the model's training data: audit <data.csv> as new data (every row a
                             test row, h0 fitted on this file) and compare the gains on both
  --max-model-mb <MB>        refuse larger model files (default 100)

fairuse train (writes the engine's model JSON; same options as audit for the split and the fit):
  --save-model <file>        where to write the model (required)
  --spec <file>              train what the spec audits; its "assign" groups are served in the file
                             by h0 or their decoupled model, as the audit serves them
  --save-predictions <file>  also write h0's and h(·, g′)'s predictions on the test rows as a CSV

Reports and output:
  --json <file|->            write the JSON report (- = stdout)
  --markdown <file|->        write the Markdown report (- = stdout)
  --html <file|->            write the standalone HTML report, as the editor exports it (- = stdout)
  --sarif <file|->           write the findings as a SARIF 2.1.0 log, for code-scanning tools
  --baseline <OLD.json>      compare with an earlier JSON report: exit 1 only for violations OLD did not
                             have (2 when the two audits cannot be compared)
  --quiet                    print only the verdict line
  --progress                 show the stages and the bootstrap's progress on stderr even when it is not a
                             terminal (a line each stage and each 10% of the resamples); on a terminal it
                             is shown anyway, on one line
  --exit-zero                exit 0 whatever the verdict (a look, not a gate); 2 still means it could not run
  --verbose                  on a failure, also the whole message (and an internal error's stack)
  --no-color                 plain text even on a terminal
  -h, --help                 this text
  -v, --version              the version

fairuse diff (new, resolved and persisting violations between two JSON reports of the same data):
  --json <file|->, --markdown <file|->   the comparison as JSON, or Markdown for a pull-request comment
  exit 1 when NEW has a violation of the decisive metric that OLD did not, 0 otherwise, 2 when the
  reports cannot be compared (another dataset, groups, metric, α or correction)

Exit status: 0 no significant violation, and the data could have shown one · 1 at least one significant violation ·
2 the audit could not run · 3 inconclusive: a group could not be tested, or the groups are more than the test rows
can validate (the last line says which, and the group size needed).`;

/** What to read and how, as `fairuse audit` and `fairuse train` both take it: flags, or a spec with flags on top. */
export interface DataChoices {
  /** The CSV; with a spec, undefined means the spec's "data". */
  readonly dataPath?: string;
  /** An audit spec: its data, columns and options ("assign" included). */
  readonly specPath?: string;
  readonly label?: string;
  readonly groups?: string[];
  readonly features?: string[];
  readonly positive?: string;
  readonly task?: Task;
  readonly missingValues?: readonly string[];
  readonly splitColumn?: string;
  readonly options: Partial<AuditOptions>;
}

export interface AuditCommand extends DataChoices {
  readonly kind: 'audit';
  readonly jsonPath?: string;
  readonly markdownPath?: string;
  readonly htmlPath?: string;
  readonly sarifPath?: string;
  /** An earlier JSON report: the exit status then counts only violations it did not have. */
  readonly baselinePath?: string;
  readonly quiet: boolean;
  /** Progress lines on stderr even when it is not a terminal. */
  readonly progress: boolean;
  /** Exit 0 for a violation or an inconclusive audit too (2 still reports a failure). */
  readonly exitZero: boolean;
  readonly color: boolean | undefined;

  readonly modelFile?: string;
  readonly modelKind?: ModelKind;
  readonly modelColumns?: string[];
  readonly trainData?: string;
  readonly maxModelMb?: number;
}

/** `fairuse train`: a spec's "assign" is exported in the model file. */
export interface TrainCommand extends DataChoices {
  readonly kind: 'train';
  readonly saveModel: string;
  readonly savePredictions?: string;
}

/** `fairuse diff OLD.json NEW.json`: what changed between two audits of the same data. */
export interface DiffCommand {
  readonly kind: 'diff';
  readonly oldPath: string;
  readonly newPath: string;
  readonly jsonPath?: string;
  readonly markdownPath?: string;
  readonly color: boolean | undefined;
}

export type Command = AuditCommand | TrainCommand | DiffCommand | { readonly kind: 'help' } | { readonly kind: 'version' };

const OPTIONS = {
  spec: { type: 'string' },
  label: { type: 'string' },
  groups: { type: 'string' },
  features: { type: 'string' },
  positive: { type: 'string' },
  task: { type: 'string' },
  'missing-values': { type: 'string' },
  technique: { type: 'string' },
  model: { type: 'string' },
  metric: { type: 'string' },
  'split-column': { type: 'string' },
  'test-size': { type: 'string' },
  seed: { type: 'string' },
  bootstrap: { type: 'string' },
  alpha: { type: 'string' },
  correction: { type: 'string' },
  C: { type: 'string' },
  threshold: { type: 'string' },
  'min-group-size': { type: 'string' },
  intervene: { type: 'boolean' },
  'explain-fraction': { type: 'string' },
  'no-explanations': { type: 'boolean' },
  epsilon: { type: 'string' },
  'model-file': { type: 'string' },
  'model-kind': { type: 'string' },
  'model-columns': { type: 'string' },
  'train-data': { type: 'string' },
  'max-model-mb': { type: 'string' },
  'save-model': { type: 'string' },
  'save-predictions': { type: 'string' },
  json: { type: 'string' },
  markdown: { type: 'string' },
  html: { type: 'string' },
  sarif: { type: 'string' },
  baseline: { type: 'string' },
  quiet: { type: 'boolean' },
  progress: { type: 'boolean' },
  'exit-zero': { type: 'boolean' },
  verbose: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const OUTPUT_FLAGS: ReadonlySet<string> = new Set(['--json', '--markdown', '--html', '--sarif']);

/** Parses the command line; every mistake becomes a USAGE error with the fix. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: withNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    const unknown = /^Unknown option '(--?[^']+)'/.exec(firstLine(error))?.[1];
    if (unknown !== undefined) {
      const name = unknown.replace(/^-+/, '');
      // Two letters are too few to guess from (--x is not a typo of --C).
      const likely = name.length > 2 ? closestName(name, Object.keys(OPTIONS)) : Object.keys(OPTIONS).find((o) => o.toLowerCase() === name.toLowerCase());
      throw new AuditInputError('USAGE', `Unknown option '${unknown}'.`, `${likely === undefined ? '' : `Did you mean --${likely}? `}Run \`fairuse --help\` for the options.`);
    }
    const valueless = /^Option '(--[\w-]+)(?: <value>)?' argument (missing|is ambiguous)/.exec(firstLine(error));
    if (valueless !== null) {
      const [, flag, why] = valueless;
      const what = OUTPUT_FLAGS.has(flag) ? 'a file name, or - for standard output' : 'a value';
      throw new AuditInputError('USAGE', `${flag} needs ${what}${why === 'missing' ? ', and none was given' : ', but the next argument is another option'}.`, `Write it as ${flag} <${OUTPUT_FLAGS.has(flag) ? 'file' : 'value'}>; run \`fairuse --help\` for the options.`);
    }
    throw new AuditInputError('USAGE', firstLine(error), 'Run `fairuse --help` for the options.');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, dataPath, ...extra] = positionals;
  if (command === 'diff') return diffCommand(values, positionals.slice(1));
  if (command !== 'audit' && command !== 'train') {
    throw new AuditInputError('USAGE', command ? `Unknown command '${command}'.` : 'No command given.', 'Use `fairuse audit <data.csv> --label <col> --groups <cols>`; `fairuse --help` lists the options.');
  }
  const specPath = values.spec;
  if (extra.length) throw new AuditInputError('USAGE', `Unexpected argument '${extra[0]}'.`, 'Give one data file; separate columns with commas, without spaces, or quote the list.');
  const options: Partial<AuditOptions> = {
    technique: values.technique as Technique | undefined,
    modelClass: values.model as ModelClass | undefined,
    metric: values.metric as MetricId | undefined,
    correction: values.correction as Correction | undefined,
    testSize: number('test-size', values['test-size']),
    seed: number('seed', values.seed),
    bootstrap: number('bootstrap', values.bootstrap),
    alpha: number('alpha', values.alpha),
    C: number('C', values.C),
    threshold: number('threshold', values.threshold),
    minGroupSize: number('min-group-size', values['min-group-size']),
    epsilon: number('epsilon', values.epsilon),
    interventions: values.intervene,
    explanations: values['no-explanations'] ? false : undefined,
    explainFraction: number('explain-fraction', values['explain-fraction']),
  };
  const choices: DataChoices = {
    dataPath,
    specPath,
    label: values.label,
    groups: values.groups === undefined ? undefined : list(values.groups),
    features: values.features === undefined ? undefined : list(values.features),
    positive: values.positive,
    task: taskOption(values.task),
    missingValues: values['missing-values'] === undefined ? undefined : list(values['missing-values']),
    splitColumn: values['split-column'],
    options,
  };
  const modelFile = values['model-file'];
  if (command === 'train') {
    if (!dataPath && !specPath) throw new AuditInputError('USAGE', 'No data file given.', 'Use `fairuse train <data.csv> --label <col> --groups <cols> --save-model <model.json>` or `fairuse train --spec <name.fairuse.json> --save-model <model.json>`.');
    if (!specPath && !values.label) throw new AuditInputError('USAGE', 'Missing --label.', 'Name the binary label column, e.g. --label Disease.');
    if (!specPath && !values.groups) throw new AuditInputError('USAGE', 'Missing --groups.', 'Name the group attribute columns, e.g. --groups Sex,Age.');
    if (!values['save-model']) throw new AuditInputError('USAGE', 'Missing --save-model.', 'Name the model file to write, e.g. --save-model model.json.');
    const auditOnly = (['model-file', 'train-data', 'json', 'markdown', 'html', 'sarif', 'baseline', 'progress'] as const).find((name) => values[name] !== undefined);
    if (auditOnly) throw new AuditInputError('USAGE', `--${auditOnly} is an option of fairuse audit, not of fairuse train.`, 'Run `fairuse --help` for the options.');
    return {
      kind: 'train',
      ...choices,
      saveModel: values['save-model'],
      savePredictions: values['save-predictions'],
    };
  }
  if (!dataPath && !specPath) throw new AuditInputError('USAGE', 'No data file given.', 'Use `fairuse audit <data.csv> --label <col> --groups <cols>` or `fairuse audit --spec <name.fairuse.json>`.');
  const modelOnly = (['model-kind', 'model-columns', 'train-data', 'max-model-mb'] as const).find((name) => values[name] !== undefined);
  if (modelOnly && !modelFile) throw new AuditInputError('USAGE', `--${modelOnly} needs --model-file.`, 'Give the model to audit with --model-file <file>.');
  // A model file may state its label and groups.
  if (!specPath && !modelFile && !values.label) throw new AuditInputError('USAGE', 'Missing --label.', 'Name the label column (binary, or numeric for regression), e.g. --label Disease.');
  if (!specPath && !modelFile && !values.groups) throw new AuditInputError('USAGE', 'Missing --groups.', 'Name the group attribute columns, e.g. --groups Sex,Age.');
  const trainOnly = (['save-model', 'save-predictions'] as const).find((name) => values[name] !== undefined);
  if (trainOnly) throw new AuditInputError('USAGE', `--${trainOnly} is an option of fairuse train, not of fairuse audit.`, 'Run `fairuse --help` for the options.');
  const modelKind = values['model-kind'];
  if (modelKind !== undefined && !MODEL_KINDS.includes(modelKind as ModelKind)) {
    throw new AuditInputError('USAGE', `Unknown --model-kind '${modelKind}'.`, `Use one of: ${MODEL_KINDS.join(', ')}.`);
  }
  const maxModelMb = number('max-model-mb', values['max-model-mb']);
  if (maxModelMb !== undefined && !(maxModelMb > 0)) throw new AuditInputError('USAGE', `--max-model-mb is ${maxModelMb}.`, 'Give a positive number of megabytes.');
  return {
    kind: 'audit',
    ...choices,
    jsonPath: values.json,
    markdownPath: values.markdown,
    htmlPath: values.html,
    sarifPath: values.sarif,
    baselinePath: values.baseline,
    quiet: values.quiet ?? false,
    progress: values.progress ?? false,
    exitZero: values['exit-zero'] ?? false,
    color: values['no-color'] ? false : values.color,
    modelFile,
    modelKind: modelKind as ModelKind | undefined,
    modelColumns: values['model-columns'] === undefined ? undefined : list(values['model-columns']),
    trainData: values['train-data'],
    maxModelMb,
  };
}

/**
 * `--C -1`: node's parser takes `-1` for a flag and stops ("argument is ambiguous"). A value option followed by a
 * negative number gets it joined (`--C=-1`), so the number is read and then checked against its range.
 */
function withNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const name = /^--([^=]+)$/.exec(argv[k])?.[1];
    const next = argv[k + 1];
    if (name !== undefined && OPTIONS[name as keyof typeof OPTIONS]?.type === 'string' && next !== undefined && /^-(\d|\.\d|inf)/i.test(next)) {
      out.push(`--${name}=${next}`);
      k++;
    } else {
      out.push(argv[k]);
    }
  }
  return out;
}

const DIFF_OPTIONS: ReadonlySet<string> = new Set(['json', 'markdown', 'no-color', 'color', 'verbose']);

function diffCommand(values: Record<string, unknown>, paths: readonly string[]): DiffCommand {
  const usage = 'Use `fairuse diff <OLD.json> <NEW.json>`, with the JSON reports of two audits of the same data.';
  if (paths.length !== 2) throw new AuditInputError('USAGE', paths.length < 2 ? 'fairuse diff needs two JSON reports.' : `Unexpected argument '${paths[2]}'.`, usage);
  const other = Object.keys(values).find((name) => values[name] !== undefined && !DIFF_OPTIONS.has(name));
  if (other) throw new AuditInputError('USAGE', `--${other} is not an option of fairuse diff.`, 'fairuse diff takes --json <file|-> and --markdown <file|->; run `fairuse --help`.');
  return {
    kind: 'diff',
    oldPath: paths[0],
    newPath: paths[1],
    jsonPath: values.json as string | undefined,
    markdownPath: values.markdown as string | undefined,
    color: values['no-color'] ? false : (values.color as boolean | undefined),
  };
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const value = /^[+]?inf(inity)?$/i.test(trimmed) ? Infinity : Number(trimmed);
  if (trimmed === '' || Number.isNaN(value)) {
    throw new AuditInputError('USAGE', `--${name} expects a number, got '${text}'.`, 'Run `fairuse --help` for the options.');
  }
  return value;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function taskOption(value: string | undefined): Task | undefined {
  if (value === undefined) return undefined;
  if (!(TASKS as readonly string[]).includes(value)) throw new AuditInputError('USAGE', `--task is ${JSON.stringify(value)}.`, `Use one of: ${TASKS.join(', ')}.`);
  return value as Task;
}
