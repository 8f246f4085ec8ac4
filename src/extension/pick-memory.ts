/**
 * The last answers of the "Audit Dataset…" picks for each data file, kept in the workspace's storage so the next
 * audit of the file preselects them.
 */
import type * as vscode from 'vscode';
import { answersFromSpec, type PickAnswers } from './pick-answers';

const KEY = 'fairUse.pickAnswers.v1';

export class PickMemory {
  constructor(private readonly memento: vscode.Memento) {}

  /** The answers last given for the data file at `dataPath`, if any. */
  get(dataPath: string): Partial<PickAnswers> | undefined {
    return answersFromSpec(this.memento.get<Record<string, unknown>>(KEY, {})[dataPath]);
  }

  async remember(dataPath: string, answers: PickAnswers): Promise<void> {
    await this.memento.update(KEY, { ...this.memento.get<Record<string, unknown>>(KEY, {}), [dataPath]: answers });
  }
}
