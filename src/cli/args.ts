import { parseArgs } from 'node:util';
import { AuditInputError } from '../core/errors';
import type { AuditOptions } from '../core/options';
import type { MetricId } from '../core/metrics';
import type { Correction } from '../core/stats/correction';
import type { Technique } from '../core/technique';

export const USAGE = `Usage: fairuse audit <data.csv> --label <col> --groups <col,col…> [options]
       fairuse audit --spec <name.fairuse.json> [options]

Checks whether a personalized model (with the group attributes) beats the generic model h0 (without
them) for every intersectional group, and whether any group would do better reporting as another.

Options:
  --spec <file>              read data, label, groups and settings from an audit spec (the file the
                             editor writes); options given on the command line override it
  --label <col>              binary label column (required)
  --groups <cols>            group attribute columns, comma-separated (required)
  --features <cols>          feature columns (default: every other column)
  --positive <value>         label value that means positive (default: 1 / true / yes / the larger)
  --technique 1hot|all|dcp   how the personalized model uses groups (default 1hot)
  --metric error|auc|ece|logloss|brier
                             metric that decides violations and the exit status (default error);
                             every metric is computed and reported
  --split-column <col>       column of train/test marks, instead of a random split
  --test-size <fraction>     held-out fraction per (group, label) stratum (default 0.2)
  --seed <int>               seed of the split and the bootstrap (default 2338)
  --bootstrap <B>            bootstrap resamples (default 1000)
  --alpha <level>            significance level (default 0.1)
  --correction bonferroni|holm  multiple-testing correction (default bonferroni)
  --C <number>               inverse L2 penalty of the logistic regressions; Infinity = none (default 1)
  --threshold <p>            decision threshold (default 0.5)
  --min-group-size <n>       groups with fewer test rows are reported, not tested (default 10)
  --json <file|->            write the JSON report (- = stdout)
  --markdown <file|->        write the Markdown report (- = stdout)
  --quiet                    print only the verdict line
  --no-color                 plain text even on a terminal
  -h, --help                 this text
  -v, --version              the version

Exit status: 0 no significant violation · 1 at least one significant violation · 2 the audit could not run.`;

export interface AuditCommand {
  readonly kind: 'audit';
  /** The CSV; with a spec, undefined means the spec's "data". */
  readonly dataPath?: string;
  readonly specPath?: string;
  readonly label?: string;
  readonly groups?: string[];
  readonly features?: string[];
  readonly positive?: string;
  readonly splitColumn?: string;
  readonly options: Partial<AuditOptions>;
  readonly jsonPath?: string;
  readonly markdownPath?: string;
  readonly quiet: boolean;
  readonly color: boolean | undefined;
}

export type Command = AuditCommand | { readonly kind: 'help' } | { readonly kind: 'version' };

/** Parses the command line; every mistake becomes a USAGE error with the fix. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        spec: { type: 'string' },
        label: { type: 'string' },
        groups: { type: 'string' },
        features: { type: 'string' },
        positive: { type: 'string' },
        technique: { type: 'string' },
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
        json: { type: 'string' },
        markdown: { type: 'string' },
        quiet: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        color: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new AuditInputError('USAGE', firstLine(error), 'Run `fairuse --help` for the options.');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command, dataPath, ...extra] = positionals;
  if (command !== 'audit') {
    throw new AuditInputError('USAGE', command ? `Unknown command '${command}'.` : 'No command given.', 'Use `fairuse audit <data.csv> --label <col> --groups <cols>`; `fairuse --help` lists the options.');
  }
  const specPath = values.spec;
  if (!dataPath && !specPath) throw new AuditInputError('USAGE', 'No data file given.', 'Use `fairuse audit <data.csv> --label <col> --groups <cols>` or `fairuse audit --spec <name.fairuse.json>`.');
  if (extra.length) throw new AuditInputError('USAGE', `Unexpected argument '${extra[0]}'.`, 'Give one data file; separate columns with commas, without spaces, or quote the list.');
  if (!specPath && !values.label) throw new AuditInputError('USAGE', 'Missing --label.', 'Name the binary label column, e.g. --label Disease.');
  if (!specPath && !values.groups) throw new AuditInputError('USAGE', 'Missing --groups.', 'Name the group attribute columns, e.g. --groups Sex,Age.');
  return {
    kind: 'audit',
    dataPath,
    specPath,
    label: values.label,
    groups: values.groups === undefined ? undefined : list(values.groups),
    features: values.features === undefined ? undefined : list(values.features),
    positive: values.positive,
    splitColumn: values['split-column'],
    options: {
      technique: values.technique as Technique | undefined,
      metric: values.metric as MetricId | undefined,
      correction: values.correction as Correction | undefined,
      testSize: number('test-size', values['test-size']),
      seed: number('seed', values.seed),
      bootstrap: number('bootstrap', values.bootstrap),
      alpha: number('alpha', values.alpha),
      C: number('C', values.C),
      threshold: number('threshold', values.threshold),
      minGroupSize: number('min-group-size', values['min-group-size']),
    },
    jsonPath: values.json,
    markdownPath: values.markdown,
    quiet: values.quiet ?? false,
    color: values['no-color'] ? false : values.color,
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
