import { Given } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { crashNextMessageOf } from '../support/scoped-faults';

Given("the handling of {user}'s next chat message will fail unexpectedly", async function (this: ApexWorld, user: string) {
  await crashNextMessageOf(this, this.session(user), 'message');
});

