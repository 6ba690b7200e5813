import type { DataTable } from '@cucumber/cucumber';
import type { Actor } from '../actor';
import type { PhraseStep } from '../phrasebook';
import type { ApexWorld } from '../world';
import { askAtOnce } from './crowd';
import { keepUsageLog } from './chat';

/** "Given …:" with a table: the whole sentence is the phrase, and its function gets the table last. */
export const SITUATION_WITH_TABLE: Record<string, PhraseStep> = {
  "{actor}'s usage log {string}:": function (this: ApexWorld, user: Actor, name: string, table: DataTable) {
    keepUsageLog(user, name, table);
  },
};

/** "When …:" with a table: the whole sentence is the phrase, and its function gets the table last. */
export const HAPPENING_WITH_TABLE: Record<string, PhraseStep> = {
  'these customers ask at the same moment:': async function (this: ApexWorld, table: DataTable) {
    await askAtOnce(this, table);
  },
};
