import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../../src/core/audit/audit';
import { prepareDataset } from '../../src/core/audit/prepare-dataset';
import type { AuditReport } from '../../src/core/report/report';
import type { Technique } from '../../src/core/learn/technique';

// Issue 11: renaming Male/Female to Amale/Bfemale (which flips their sorted order) changed 18 numbers of the
// heart audit, because the split and the bootstrap walked the groups in value order. SPEC §1: same rows, same
// seed, same numbers.
const heart = readFileSync(join(__dirname, '../../examples/heart.csv'), 'utf8');
const RENAMES: Record<string, string> = { Male: 'Amale', Female: 'Bfemale', Old: 'Aold', Young: 'Byoung' };
const renamedHeart = heart
  .split('\n')
  .map((line, i) => (i === 0 ? line : line.split(',').map((cell, c) => (c === 1 || c === 2 ? (RENAMES[cell] ?? cell) : cell)).join(',')))
  .join('\n');

async function audit(csv: string, technique: Technique): Promise<AuditReport> {
  const dataset = prepareDataset(csv, { load: { label: 'Disease', groups: ['Sex', 'Age'] }, buckets: [] });
  return runAudit(dataset, { technique, bootstrap: 200 }, { path: 'heart.csv' });
}

/** The report with every group name spelled the original way, the groups in a fixed order. */
function canonical(report: AuditReport): unknown {
  let text = JSON.stringify(report);
  for (const [from, to] of Object.entries(RENAMES)) text = text.replaceAll(`=${to}`, `=${from}`).replaceAll(`"${to}"`, `"${from}"`);
  const parsed = JSON.parse(text) as AuditReport;
  const byGroup = <T extends { group: string; reportedAs?: string }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => `${a.group}|${a.reportedAs ?? ''}`.localeCompare(`${b.group}|${b.reportedAs ?? ''}`));
  return {
    groups: [...parsed.groups].sort((a, b) => a.id.localeCompare(b.id)),
    metrics: Object.fromEntries(
      Object.entries(parsed.metrics).map(([id, section]) => [
        id,
        { overall: section!.overall, rationality: byGroup(section!.rationality), envy: byGroup(section!.envy), summary: section!.summary },
      ]),
    ),
    limits: parsed.limits && sigmasByGroup(parsed.limits, parsed.groups.map((g) => g.id)),
  };
}

/** σ_j per group comes in report.groups order (SPEC §7, Gaussian form): put it in group-id order too. */
function sigmasByGroup(limits: NonNullable<AuditReport['limits']>, ids: readonly string[]): unknown {
  const order = ids.map((id, j) => [id, j] as const).sort(([a], [b]) => a.localeCompare(b)).map(([, j]) => j);
  const sorted = <T extends { groupSigmas?: ReadonlyArray<number | null> }>(l: T): T =>
    l.groupSigmas ? { ...l, groupSigmas: order.map((j) => l.groupSigmas![j]) } : l;
  const explanations = limits.explanations && Object.fromEntries(Object.entries(limits.explanations).map(([id, l]) => [id, sorted(l!)]));
  return { ...sorted(limits), ...(explanations ? { explanations } : {}) };
}

describe('renaming group values changes no number in the report (SPEC §1)', () => {
  it.each(['1hot', 'all', 'dcp'] as const)('%s', async (technique) => {
    const [original, renamed] = await Promise.all([audit(heart, technique), audit(renamedHeart, technique)]);
    // the rename did reorder the groups, so the test exercises the order
    expect(renamed.groups.map((g) => g.id)[0]).toBe('Sex=Amale, Age=Aold');
    expect(original.groups.map((g) => g.id)[0]).toBe('Sex=Female, Age=Old');
    expect(canonical(renamed)).toEqual(canonical(original));
  });
});
