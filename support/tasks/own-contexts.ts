import type { Actor } from '../actor';
import { LOG_VARIATIONS, removeLogColumn } from '../domain';
import { crashNextMessageOf } from '../scoped-faults';
import { ensureSignedIn } from './sign-in';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{actor}'s …": a person's usage log, or what will go wrong for them, before the scenario's point. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const OWN_CONTEXT: Record<string, PhraseStep> = {
  'usage log has no {word} column': function (this: ApexWorld, user: Actor, column: string) {
    removeLogColumn(user.recall('usageLog'), column, user.name);
  },
  'usage log has {string} as the {word} on row {int}': function (this: ApexWorld, user: Actor, value: string, column: string, row: number) {
    const log = user.recall('usageLog');
    log.rows[row - 1][log.header.indexOf(column)] = value;
  },
  'usage log {logVariation}': function (this: ApexWorld, user: Actor, variation: string) {
    LOG_VARIATIONS[variation](user.recall('usageLog'));
  },
  'usage log is empty': function (this: ApexWorld, user: Actor) {
    user.recall('usageLog').raw = '';
  },
  'usage log holds only blank lines': function (this: ApexWorld, user: Actor) {
    user.recall('usageLog').raw = '\n  \r\n\t\n';
  },
  'chat connection will fail unexpectedly at {pronoun} next message': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await crashNextMessageOf(this, user, 'connection');
  },
  'next request to the API will fail unexpectedly': async function (this: ApexWorld, user: Actor) {
    await crashNextMessageOf(this, user, 'request');
  },
  'runs will crash': async function (this: ApexWorld, user: Actor) {
    const faults = this.faults();
    if (!faults) return this.skip('crashing runs needs the service secret (APEX_SERVICE_SECRET).');
    await ensureSignedIn(user);
    await faults.inject({ fault: 'crash_run', target: user.userId, count: 1, scope: user.userId });
  },
};
