/**
 * Where the bundled heart.csv example goes: the question asked before anything is copied into the user's
 * workspace, and what each answer means. Pure: no `vscode`, so the choices are unit-tested.
 */

/** What is already there: no workspace folder, no heart.csv in it, the same file, or another file of that name. */
export type ExampleTargetState = 'no-workspace' | 'absent' | 'same' | 'different';

export const COPY_ANSWER = 'Copy into workspace';
export const READ_ONLY_ANSWER = 'Open read-only';

export interface ExampleQuestion {
  /** The question; undefined when there is nothing to ask. */
  readonly message?: string;
  readonly detail?: string;
  /** The buttons, in order; the first is the one suggested. */
  readonly answers: readonly string[];
  /** Where the example is opened without asking. */
  readonly without?: 'workspace' | 'read-only';
}

/**
 * The question before opening the example.
 *
 * @param folderName the workspace folder's name, for the message
 */
export function exampleQuestion(state: ExampleTargetState, folderName: string): ExampleQuestion {
  switch (state) {
    case 'no-workspace':
      return { answers: [], without: 'read-only' };
    case 'same':
      // The user copied it before: reuse it, nothing new is written.
      return { answers: [], without: 'workspace' };
    case 'absent':
      return {
        message: `Copy the example heart.csv into ${folderName}?`,
        detail: 'A copy lets you edit the data and keeps the audit spec (heart.fairuse.json) beside it. Read-only opens the bundled file without writing anything into your folder; its audit spec is kept in the extension\'s own storage.',
        answers: [COPY_ANSWER, READ_ONLY_ANSWER],
      };
    case 'different':
      return {
        message: `${folderName} already has a different heart.csv; it will not be replaced.`,
        detail: 'Open the bundled example read-only instead? Its audit spec is kept in the extension\'s own storage.',
        answers: [READ_ONLY_ANSWER],
      };
  }
}
