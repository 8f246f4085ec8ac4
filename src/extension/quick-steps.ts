/**
 * One step of a multi-step quick input: "Step k of n" in the title, a Back button from the second step on, and
 * a preselected answer (the active row, or the checked rows of a multi-select). Resolves with the chosen items,
 * BACK when the user went back, or undefined when they dismissed it.
 */
import * as vscode from 'vscode';

export const BACK = Symbol('back');
export type StepResult<T> = T | typeof BACK | undefined;

export interface StepPosition {
  /** 1-based. */
  readonly step: number;
  readonly steps: number;
}

/** "Step 2 of 4 · Audit heart.csv: the group attributes"; just the title when the flow has one step. */
export function stepTitle(position: StepPosition | undefined, title: string): string {
  return position && position.steps > 1 ? `Step ${position.step} of ${position.steps} · ${title}` : title;
}

interface PickStepOptions<I extends vscode.QuickPickItem> {
  readonly title: string;
  readonly position?: StepPosition;
  readonly placeholder?: string;
  readonly items: readonly I[];
  /** Single select: the row to highlight. Multi-select: the rows to check. */
  readonly preselect?: readonly I[];
  readonly canPickMany?: boolean;
}

export function pickStep<I extends vscode.QuickPickItem>(options: PickStepOptions<I>): Promise<StepResult<readonly I[]>> {
  const pick = vscode.window.createQuickPick<I>();
  pick.title = stepTitle(options.position, options.title);
  pick.placeholder = options.placeholder;
  pick.items = options.items;
  pick.canSelectMany = options.canPickMany ?? false;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  if ((options.position?.step ?? 1) > 1) pick.buttons = [vscode.QuickInputButtons.Back];
  const preselect = options.preselect ?? [];
  if (preselect.length) {
    if (pick.canSelectMany) pick.selectedItems = preselect;
    else pick.activeItems = preselect.slice(0, 1);
  }
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: StepResult<readonly I[]>) => {
      if (done) return;
      done = true;
      resolve(result);
      pick.dispose();
    };
    pick.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    pick.onDidAccept(() => {
      const chosen = pick.canSelectMany ? pick.selectedItems : pick.selectedItems.length ? pick.selectedItems : pick.activeItems;
      if (chosen.length) finish(chosen);
    });
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}

interface InputStepOptions {
  readonly title: string;
  readonly position?: StepPosition;
  readonly prompt: string;
  readonly value: string;
  readonly validate: (value: string) => string | undefined;
}

/** A text box as a step (same title and Back button); resolves with the accepted text. */
export function inputStep(options: InputStepOptions): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.title = stepTitle(options.position, options.title);
  box.prompt = options.prompt;
  box.value = options.value;
  box.ignoreFocusOut = true;
  if ((options.position?.step ?? 1) > 1) box.buttons = [vscode.QuickInputButtons.Back];
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: StepResult<string>) => {
      if (done) return;
      done = true;
      resolve(result);
      box.dispose();
    };
    box.onDidChangeValue((value) => {
      box.validationMessage = options.validate(value);
    });
    box.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish(BACK);
    });
    box.onDidAccept(() => {
      const problem = options.validate(box.value);
      box.validationMessage = problem;
      if (!problem) finish(box.value);
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}
