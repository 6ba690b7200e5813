import { expectStatus } from '../clients/http';
import { completedResult } from '../expectations/agents';
import { archiveWhileConnectionEnded, archiveWhileHeld } from '../resource-bounds';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} archives …": archiving conversations. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const ARCHIVING: Record<string, PhraseStep> = {
  'the conversation': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    const run = session.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    expectStatus(await session.api.archiveThread(session.accessToken, run.threadId!), 204, `Archiving ${user}'s conversation`);
  },
  'it while other work holds it in the database for longer than that': async function (this: ApexWorld, user: string) {
    await archiveWhileHeld(this.session(user), this.target.databaseUrl!);
  },
  'it while the database ends the connection the change is waiting on': async function (this: ApexWorld, user: string) {
    if (!this.target.databaseUrl) return this.skip('the suite has no database address for this target (set APEX_DATABASE_URL).');
    await archiveWhileConnectionEnded(this.session(user), this.target.databaseUrl);
    return undefined;
  },
};
