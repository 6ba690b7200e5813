import { readyToChat } from './crowd';
import { startAgent } from './chat';
import { Workload, costQuestion } from '../domain';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{users} …": what several people do at the same moment. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const CROWD_ACTION: Record<string, PhraseStep> = {
  'each ask the {agent} about {workload} at the same moment': async function (this: ApexWorld, names: string[], agent: string, workload: Workload) {
    await readyToChat(names.map((n) => this.session(n)));
    await Promise.all(names.map((n) => startAgent(this.session(n), agent, { user_request: costQuestion(workload), context: { workload } })));
  },
  'each ask the {agent} {int} questions about {workload} at the same moment': async function (this: ApexWorld, names: string[], agent: string, questions: number, workload: Workload) {
    await readyToChat(names.map((n) => this.session(n)));
    await Promise.all(names.flatMap((n) => Array.from({ length: questions }, () => startAgent(this.session(n), agent, { user_request: costQuestion(workload), context: { workload } }))));
  },
};
