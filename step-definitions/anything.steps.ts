import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { phrased } from '../support/phrasebook';
import { askAtOnce } from '../support/tasks/crowd';
import type { ApexWorld } from '../support/world';

// Sentences with no one person or service at their centre: a situation, a happening, an outcome.

Given('{situation}', phrased(0));
When('{happening}', phrased(0));
Then('{outcome}', phrased(0));
Then('every one of {everyOneOutcome}', phrased(0));
Then('each of {eachOutcome}', phrased(0));

When('these customers ask at the same moment:', async function (this: ApexWorld, table: DataTable) {
  await askAtOnce(this, table);
});
