/**
 * The report as a SARIF 2.1.0 log (OASIS, errata 01), the format code-scanning tools read: one run, one rule per
 * kind of finding, one result per finding. Pure: the front end says where the findings point (the data file's
 * header cell of the group column, or the spec's "groups" line) and which version the tool is.
 */
import { sha256 } from '../data/sha256';
import { METRICS, type MetricId } from '../audit/metrics';
import { formatGain, formatP, formatValue, metricNoun } from './render/format';
import type { AuditReport, EnvyRow, RationalityRow } from './report';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The kinds of finding, as SARIF rule ids. Stable: code-scanning tools key alerts on them. */
export type FindingKind =
  | 'rationality-violation'
  | 'envy-violation'
  | 'explanation-rationality-violation'
  | 'explanation-envy-violation'
  | 'inconclusive-group'
  | 'data-warning';

/** Where every result of the log points: a region of a file, its path relative to the working directory. */
export interface SarifAnchor {
  /** A relative URI reference with forward slashes (`data/heart.csv`), or an absolute `file:` URI. */
  readonly uri: string;
  /** 1-based. */
  readonly startLine: number;
  /** 1-based, in UTF-16 code units (SARIF's default columnKind). */
  readonly startColumn?: number;
  /** 1-based, exclusive. */
  readonly endColumn?: number;
}

export interface SarifOptions {
  /** The tool's version (package.json). */
  readonly version: string;
  readonly anchor: SarifAnchor;
}

const INFORMATION_URI = 'https://proceedings.mlr.press/v202/suriyakumar23a.html';

interface RuleText {
  readonly name: string;
  readonly short: string;
  readonly help: string;
  readonly level: 'error' | 'warning' | 'note';
}

const RULES: Readonly<Record<FindingKind, RuleText>> = {
  'rationality-violation': {
    name: 'RationalityViolation',
    short: 'A group is worse off with the personalized model than with the generic model.',
    help:
      'The group hands over its group attributes and gets a worse prediction in return: the personalized model h, ' +
      'which uses the attributes, is significantly worse on this group\'s held-out rows than the generic model h0, ' +
      'which does not. Serve the group with h0 or with its own decoupled model, or stop asking for the attribute.',
    level: 'error',
  },
  'envy-violation': {
    name: 'EnvyViolation',
    short: 'A group would get a better prediction by reporting another group\'s attributes.',
    help:
      'The personalized model serves this group significantly better when it is told the group is another one: ' +
      'the group envies that group\'s predictions. Its own attributes are used against it. Retrain with more data for ' +
      'the group, or serve it with a model that does not use the attribute.',
    level: 'error',
  },
  // The explanation metrics (SPEC §9) have their own rules, as their own codes in the Problems panel
  // (extension/findings.ts), so a code-scanning tool can triage them apart from accuracy.
  'explanation-rationality-violation': {
    name: 'ExplanationRationalityViolation',
    short: 'Personalization makes the model\'s explanations significantly worse for a group.',
    help:
      'The explanations of the personalized model (sufficiency or comprehensiveness of its top inputs, SPEC §9) are ' +
      'significantly worse on this group\'s held-out rows than those of the generic model h0: the group hands over its ' +
      'group attributes and gets a less clear explanation in return, whatever its accuracy gain.',
    level: 'error',
  },
  'explanation-envy-violation': {
    name: 'ExplanationEnvyViolation',
    short: 'A group would get a clearer explanation by reporting another group\'s attributes.',
    help:
      'The personalized model\'s explanations (sufficiency or comprehensiveness of its top inputs, SPEC §9) are ' +
      'significantly better for this group\'s rows when it is told the group is another one: its own attributes make ' +
      'its explanations worse.',
    level: 'error',
  },
  'inconclusive-group': {
    name: 'InconclusiveGroup',
    short: 'A group could not be tested: too few held-out rows, or one class only.',
    help:
      'The audit reports this group but cannot say whether it gains from personalization: it has fewer held-out rows ' +
      'than the minimum group size, or its held-out rows hold one class only. Nothing is validated for it; collect more ' +
      'data for the group or merge it with another.',
    level: 'warning',
  },
  'data-warning': {
    name: 'DataWarning',
    short: 'Something in the data weakens the audit.',
    help: 'A warning the audit raised about the data or the fit (dropped rows, a degenerate group, a label choice). Read it before trusting the verdicts.',
    level: 'note',
  },
};

const KINDS = Object.keys(RULES) as FindingKind[];

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly [SarifRun];
}

export interface SarifRun {
  readonly tool: { readonly driver: Record<string, unknown> };
  readonly results: readonly SarifResult[];
  readonly columnKind: 'utf16CodeUnits';
}

export interface SarifResult {
  readonly ruleId: FindingKind;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning' | 'note';
  readonly message: { readonly text: string };
  readonly locations: readonly unknown[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: Readonly<Record<string, unknown>>;
}

/**
 * One result per significant violation of every metric (level `error` for the decisive metric, `warning` for the
 * others), per group the decisive metric could not test, and per data warning. A clean audit has no results.
 */
export function toSarif(report: AuditReport, options: SarifOptions): SarifLog {
  const decisive = report.settings.metric;
  // The intervals are at level 1 − α (SPEC §5).
  const confidence = Math.round((1 - report.settings.alpha) * 1000) / 10;
  const results: SarifResult[] = [];
  const add = (kind: FindingKind, level: SarifResult['level'], text: string, key: readonly string[], properties: Record<string, unknown>) => {
    results.push({
      ruleId: kind,
      ruleIndex: KINDS.indexOf(kind),
      level,
      message: { text },
      locations: [location(options.anchor)],
      partialFingerprints: { 'fairuseFinding/v1': sha256(new TextEncoder().encode(JSON.stringify([kind, ...key]))) },
      properties,
    });
  };
  const metrics = (Object.keys(report.metrics) as MetricId[]).sort((a, b) => (a === decisive ? -1 : b === decisive ? 1 : 0));
  for (const metric of metrics) {
    const section = report.metrics[metric]!;
    const level = metric === decisive ? 'error' : 'warning';
    const explanation = METRICS[metric].explanation === true;
    for (const row of section.rationality) {
      if (row.verdict !== 'violation') continue;
      const kind = explanation ? 'explanation-rationality-violation' : 'rationality-violation';
      const properties = gainProperties(metric, row, { generic: row.generic, personalized: row.personalized });
      add(kind, level, rationalityText(metric, row, confidence), [metric, row.group], properties);
    }
    for (const row of section.envy) {
      if (row.verdict !== 'violation') continue;
      const kind = explanation ? 'explanation-envy-violation' : 'envy-violation';
      const properties = gainProperties(metric, row, { reportedAs: row.reportedAs, truthful: row.truthful, misreported: row.misreported });
      add(kind, level, envyText(metric, row, confidence), [metric, row.group, row.reportedAs], properties);
    }
  }
  const groupSizes = new Map(report.groups.map((g) => [g.id, g.nTest]));
  const untested = (report.metrics[decisive]?.rationality ?? []).filter((row) => row.verdict === 'untested');
  for (const row of untested) {
    const nTest = groupSizes.get(row.group) ?? 0;
    add(
      'inconclusive-group',
      RULES['inconclusive-group'].level,
      `${plain(row.group)} could not be tested on ${metricNoun(decisive)}: ${nTest} held-out rows (the minimum is ${report.settings.minGroupSize})${nTest >= report.settings.minGroupSize ? ', or one class only' : ''}.`,
      [decisive, row.group],
      { metric: decisive, group: row.group, nTest },
    );
  }
  // The audit's own "Group G has n test rows … not tested" warning says what the inconclusive-group result says.
  const saysUntested = (warning: string) => untested.some((row) => warning.startsWith(`Group ${row.group} has `) && warning.endsWith('not tested.'));
  for (const warning of report.warnings.filter((w) => !saysUntested(w))) add('data-warning', RULES['data-warning'].level, plain(warning), ['', warning], {});
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{ tool: { driver: driver(options.version) }, results, columnKind: 'utf16CodeUnits' }],
  };
}

function driver(version: string): Record<string, unknown> {
  return {
    name: 'fairuse',
    fullName: 'Fair Use Audit',
    version,
    ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
    informationUri: INFORMATION_URI,
    rules: KINDS.map((id) => ({
      id,
      name: RULES[id].name,
      shortDescription: { text: RULES[id].short },
      fullDescription: { text: RULES[id].help },
      help: { text: RULES[id].help },
      defaultConfiguration: { level: RULES[id].level },
      properties: { tags: ['fairness'] },
    })),
  };
}

function location(anchor: SarifAnchor): unknown {
  const region = {
    startLine: anchor.startLine,
    ...(anchor.startColumn === undefined ? {} : { startColumn: anchor.startColumn }),
    ...(anchor.endColumn === undefined ? {} : { endColumn: anchor.endColumn }),
  };
  return { physicalLocation: { artifactLocation: { uri: anchor.uri }, region } };
}

function gainProperties(metric: MetricId, row: RationalityRow | EnvyRow, extra: Record<string, unknown>): Record<string, unknown> {
  return { metric, group: row.group, gain: row.gain, ci: row.ci, pHarm: row.pHarm, test: row.test, ...extra };
}

/**
 * e.g. "Rationality violation for Sex=Female, Age=Old (error rate): 21.9% personalized vs 19.3% generic, gain -2.6%
 * (90% interval -5.0% to -0.1%), p=0.030."
 */
function rationalityText(metric: MetricId, row: RationalityRow, confidence: number): string {
  return `${METRICS[metric].explanation ? 'Explanation rationality' : 'Rationality'} violation for ${plain(row.group)} (${metricNoun(metric)}): ${formatValue(metric, row.personalized)} personalized vs ${formatValue(metric, row.generic)} generic, ${evidence(metric, row, confidence)}.`;
}

function envyText(metric: MetricId, row: EnvyRow, confidence: number): string {
  return `${METRICS[metric].explanation ? 'Explanation envy' : 'Envy'} violation for ${plain(row.group)} (${metricNoun(metric)}): ${formatValue(metric, row.truthful)} with its own group vs ${formatValue(metric, row.misreported)} if reported as ${plain(row.reportedAs)}, ${evidence(metric, row, confidence)}.`;
}

function evidence(metric: MetricId, row: RationalityRow | EnvyRow, confidence: number): string {
  const interval = row.ci ? ` (${confidence}% interval ${formatGain(metric, row.ci[0])} to ${formatGain(metric, row.ci[1])})` : '';
  const p = formatP(row.pHarm);
  return `gain ${formatGain(metric, row.gain)}${interval}${p ? `, p${p.startsWith('<') ? '' : '='}${p}` : ''}`;
}

/**
 * A group id from the data inside a plain-text SARIF message: brackets and backslashes escaped, so a name such as
 * `[x](1)` cannot become an embedded link (SARIF §3.11.6), and line breaks flattened.
 */
function plain(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}
