import { Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectStarted } from '../support/expectations/start-up';

/** A lease that a slow analysis outlasts several times over: the instance must keep renewing it for as long as the analysis runs. */

Then('it starts', function (this: ApexWorld) {
  expectStarted(this.recall('platformProcess'));
});

