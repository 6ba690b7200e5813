import { expectRunStored } from './runs';
import { expectUntitledThread, expectConversationHoldsOnly } from './access';
import { completedResult } from './agents';
import { expectNotListed, expectEveryQuestionAnsweredOnce } from './persistence';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user}'s conversation …": what a person's conversation holds. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const CONVERSATION_OUTCOME: Record<string, PhraseStep> = {
  'is stored in the database': async function (this: ApexWorld, user: string) {
    const probe = this.databaseProbe();
    if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
    const session = this.session(user);
    const run = session.lastRun();
    await run.finished(this.target.runDeadlineMs);
    await expectRunStored(probe, session, run);
  },
  'is started untitled, with no details, and is listed as {pronoun}': async function (this: ApexWorld, user: string, _pronoun: string) {
    await expectUntitledThread(this.session(user));
  },
  'is as it was': async function (this: ApexWorld, owner: string) {
    const session = this.session(owner);
    const run = session.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    await expectConversationHoldsOnly(session, run);
  },
  'list no longer shows it': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await expectNotListed(session, session.lastRun().threadId);
  },
  'holds every question and its answer, each exactly once': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    session.remember('messageOrder', await expectEveryQuestionAnsweredOnce(session));
  },
};
