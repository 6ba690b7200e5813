import { Given } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { crashNextMessageOf } from '../support/scoped-faults';

Given("the handling of {user}'s next chat message will fail unexpectedly", async function (this: ApexWorld, user: string) {
  await crashNextMessageOf(this, this.session(user), 'message');
});

Given("{user}'s chat connection will fail unexpectedly at {pronoun} next message", async function (this: ApexWorld, user: string, _pronoun: string) {
  await crashNextMessageOf(this, this.session(user), 'connection');
});

Given("{user}'s next request to the API will fail unexpectedly", async function (this: ApexWorld, user: string) {
  await crashNextMessageOf(this, this.session(user), 'request');
});

