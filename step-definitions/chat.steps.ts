import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import type { SocketAuth } from '../support/clients/agent-socket';
import { expectWelcomedAsThemselves } from '../support/expectations/accounts';

When('{user} opens a chat connection', async function (this: ApexWorld, user: string) {
  await this.session(user).openSocket();
});

When('{user} opens a chat connection with her/his/their token {carrier}', async function (this: ApexWorld, user: string, carrier: SocketAuth) {
  await this.session(user).openSocket(carrier);
});

Given('{user} has a chat connection open', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.ensureSignedIn();
  await session.chatSocket();
});

Given('{user} has a chat connection open on each instance', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.ensureSignedIn();
  await session.chatSocket();
  const socket = await session.openSocket('header', this.latestInstance.wsUrl);
  await session.waitForWelcome(socket);
});

Then('{user} is welcomed into the chat as herself/himself/themselves', async function (this: ApexWorld, user: string) {
  await expectWelcomedAsThemselves(this.session(user));
});
