import { Given, Then, When } from '@cucumber/cucumber';
import { phrased } from '../support/phrasebook';

// Sentences with no one person or service at their centre: a situation, a happening, an outcome.
// A sentence that ends in a table is a phrase of its own book: the table comes last.

Given('{situation}', phrased(0));
Given('{situationWithTable}', phrased(0, true));

When('{happening}', phrased(0));
When('{happeningWithTable}', phrased(0, true));

Then('{outcome}', phrased(0));
Then('{outcomeWithTable}', phrased(0, true));
Then('every one of {everyOneOutcome}', phrased(0));
Then('each of {eachOutcome}', phrased(0));
