import { LOG_VARIATIONS, removeLogColumn } from '../domain';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user}'s usage …": a person's usage log, as given or changed. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const USAGE_LOG_CHANGE: Record<string, PhraseStep> = {
  'log has no {word} column': function (this: ApexWorld, user: string, column: string) {
    removeLogColumn(this.session(user).recall('usageLog'), column, user);
  },
  'log has {string} as the {word} on row {int}': function (this: ApexWorld, user: string, value: string, column: string, row: number) {
    const log = this.session(user).recall('usageLog');
    log.rows[row - 1][log.header.indexOf(column)] = value;
  },
  'log {logVariation}': function (this: ApexWorld, user: string, variation: string) {
    LOG_VARIATIONS[variation](this.session(user).recall('usageLog'));
  },
  'log is empty': function (this: ApexWorld, user: string) {
    this.session(user).recall('usageLog').raw = '';
  },
  'log holds only blank lines': function (this: ApexWorld, user: string) {
    this.session(user).recall('usageLog').raw = '\n  \r\n\t\n';
  },
};
