/**
 * Before the long work of an audit whose explanations would dwarf the rest (core/audit/explanation-cost.ts): the
 * worker posts the estimate and waits for the host's answer, run them or skip them. The worker does no work while
 * it waits, and cancelling still terminates the thread.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ExplanationsAnswer, WorkerMessage } from '../protocol/worker-protocol';

/** The engine's confirmExplanations hook, answered by the host over `port`. */
export function askHostAboutExplanations(port: MessagePort): (estimate: string) => Promise<boolean> {
  return (estimate) => {
    const answer = new Promise<ExplanationsAnswer>((resolve) => port.once('message', resolve));
    const question: WorkerMessage = { type: 'explanation-cost', estimate };
    port.postMessage(question);
    return answer.then((a) => a.run);
  };
}
