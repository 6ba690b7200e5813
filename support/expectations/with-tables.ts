import type { DataTable } from '@cucumber/cucumber';
import type { Actor } from '../actor';
import type { PhraseStep } from '../phrasebook';
import type { ApexWorld } from '../world';
import { expectReportSays } from './agents';
import { expectLetInNowhere } from './hostile-input';
import { expectEachAnsweredAsUnavailable, expectEachToldDatabaseBusy } from './resource-bounds';

/** "Then …:" with a table: the whole sentence is the phrase, and its function gets the table last. */
export const OUTCOME_WITH_TABLE: Record<string, PhraseStep> = {
  "{actor}'s report says {pronoun} spend(s) {money} a month, can save {money} a month \\({float}%), and wait(s) about {int} ms a request, with these recommendations:": async function (this: ApexWorld, user: Actor, _pronoun: Actor, spend: number, saving: number, percent: number, waitMs: number, table: DataTable) {
    await expectReportSays(user, this.target.runDeadlineMs, { spend, saving, percent, waitMs }, table);
  },
  '{actor} is told the database is busy within {int} seconds, for each of these:': async function (this: ApexWorld, user: Actor, seconds: number, requests: DataTable) {
    this.evidence(await expectEachToldDatabaseBusy(this, user, seconds * 1000, requests));
  },
  '{actor} is told the database is busy within {int} seconds, while {actor} is served without waiting, for each of these:': async function (this: ApexWorld, user: Actor, seconds: number, control: Actor, requests: DataTable) {
    this.evidence(await expectEachToldDatabaseBusy(this, user, seconds * 1000, requests, control));
  },
  '{actor} is answered within {int} seconds, and told it cannot be done right now, for each of these:': async function (this: ApexWorld, user: Actor, seconds: number, requests: DataTable) {
    this.evidence(await expectEachAnsweredAsUnavailable(this, user, seconds * 1000, requests));
  },
  'the platform lets {actor} in neither on the chat nor through the API while its auth service answers {pronoun} token checks with each of these:': async function (this: ApexWorld, user: Actor, _pronoun: Actor, answers: DataTable) {
    await expectLetInNowhere(user, this.recall('authRelay'), answers.hashes() as { answer: string; verdict: string }[]);
  },
};
