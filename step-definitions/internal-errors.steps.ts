import { Given, Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { crashNextMessageOf } from '../support/scoped-faults';
import { expectApiFailedWithReference, expectConnectionClosedWithReference } from '../support/expectations/internal-errors';

Given("the handling of {user}'s next chat message will fail unexpectedly", async function (this: ApexWorld, user: string) {
  await crashNextMessageOf(this, this.session(user), 'message');
});

Given("{user}'s chat connection will fail unexpectedly at {pronoun} next message", async function (this: ApexWorld, user: string, _pronoun: string) {
  await crashNextMessageOf(this, this.session(user), 'connection');
});

Given("{user}'s next request to the API will fail unexpectedly", async function (this: ApexWorld, user: string) {
  await crashNextMessageOf(this, this.session(user), 'request');
});

Then("{user}'s chat is closed because of an internal error, with a reason giving a reference the platform's log also holds", async function (this: ApexWorld, user: string) {
  await expectConnectionClosedWithReference(this, this.session(user));
});

Then("the API tells {user} {pronoun} request failed because of an internal error, with a reference the platform's log also holds", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectApiFailedWithReference(this, this.session(user));
});
