import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectFreshSession, expectProfile, expectSessionConfirmed, expectWelcomedAsThemselves } from '../support/expectations/accounts';

Given('{user} is signed in', async function (this: ApexWorld, user: string) {
  await this.session(user).ensureSignedIn();
});

When('{user} signs up with her/his/their email address and a password', async function (this: ApexWorld, user: string) {
  await this.session(user).signUp();
});

When('{user} signs in with her/his/their email address and password', async function (this: ApexWorld, user: string) {
  await this.session(user).signIn();
});

Then("{user}'s sign-in gives her/him/them a new session, not the one from sign-up", function (this: ApexWorld, user: string) {
  expectFreshSession(this.session(user));
});

Then("the platform confirms that {user}'s session is hers/his/theirs", async function (this: ApexWorld, user: string) {
  await expectSessionConfirmed(this.session(user));
});

Then("{user}'s profile shows her/his/their email address and that she/he/they may {permissions}", async function (this: ApexWorld, user: string, permissions: string[]) {
  await expectProfile(this.session(user), permissions);
});

When('{user} opens a chat connection', async function (this: ApexWorld, user: string) {
  await this.session(user).openSocket();
});

Then('{user} is welcomed into the chat as herself/himself/themselves', async function (this: ApexWorld, user: string) {
  await expectWelcomedAsThemselves(this.session(user));
});
