import { Given, Then, When } from '@cucumber/cucumber';
import { phrased } from '../support/phrasebook';

// What people do, have and are shown. Each sentence starts with the person and ends in a phrase of
// a phrasebook, which does the work (support/phrasebooks.ts lists the books; docs/writing-scenarios.md their phrases).

Given('{actor} {personContext}', phrased(1));
Given("{actor}'s {ownContext}", phrased(1));
Given('{users} {crowdContext}', phrased(1));

When('{actor} {personAction}', phrased(1));
When('{actor} {asks} {request}', phrased(2));
When("{actor}'s {ownEvent}", phrased(1));
When('{users} {crowdAction}', phrased(1));

Then('{actor} {personOutcome}', phrased(1));
Then('{actor} is told {toldThat}', phrased(1));
Then('{actor} is offered {offer}', phrased(1));
Then("{actor}'s {ownOutcome}", phrased(1));
Then("{actor}'s {logFigure}", phrased(1));
Then("{actor}'s answer says in words that {saidInWords}", phrased(1));
