import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributed = new Set<string>(manifest.contributes.commands.map((c: { command: string }) => c.command));
// The one editor command a step runs: it opens the Problems panel.
const editorCommands = new Set(['workbench.actions.view.problems']);

interface Step { id: string; title: string; description: string; media: { image?: string; altText?: string }; completionEvents: string[] }
const walkthroughs: Array<{ id: string; steps: Step[] }> = manifest.contributes.walkthroughs;

describe('contributes.walkthroughs', () => {
  it('is one walkthrough: open, audit, read, problems, export', () => {
    expect(walkthroughs.map((w) => w.id)).toEqual(['fairUse.start']);
    expect(walkthroughs[0].steps.map((s) => s.id)).toEqual(['open', 'audit', 'read', 'problems', 'export']);
  });

  for (const step of walkthroughs[0].steps) {
    it(`step ${step.id}: one command button that exists, completed by running it, and a picture with alt text`, () => {
      const buttons = [...step.description.matchAll(/\[[^\]]+\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
      expect(buttons).toHaveLength(1);
      expect(contributed.has(buttons[0]) || editorCommands.has(buttons[0]), buttons[0]).toBe(true);
      expect(step.completionEvents).toEqual([`onCommand:${buttons[0]}`]);
      expect(step.media.image).toMatch(/^media\/walkthrough\/[\w-]+\.jpg$/);
      expect(existsSync(join(root, step.media.image!))).toBe(true);
      expect(step.media.altText?.length).toBeGreaterThan(10);
    });
  }
});

describe('the README\'s pictures', () => {
  it('are the e2e suite\'s walkthrough pictures (scripts/walkthrough-media.mjs refreshes them), each with alt text', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => ({ alt: m[1], path: m[2] }));
    const shots = new Set(walkthroughs[0].steps.map((s) => s.media.image));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(shots.has(image.path), `${image.path} is not a picture the e2e walkthrough run takes`).toBe(true);
      expect(image.alt.length).toBeGreaterThan(20);
    }
  });
});
