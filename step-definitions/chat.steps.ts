import { chatSocket, connect, openSocket } from '../support/tasks/chat';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import type { SocketAuth } from '../support/clients/agent-socket';
import type { AuthorizationWriter } from '../support/clients/http';
import { expectWelcomedAsThemselves } from '../support/expectations/accounts';
import { expectLastConnectionRefused } from '../support/expectations/sessions';
import { FORGERIES } from '../support/clients/forgery';
import { closeOneChat, haveChatThatStoppedReading, haveChatsOpen, openChats } from '../support/resource-bounds';
import { expectOpenChatsAnswer } from '../support/expectations/resource-bounds';

When('{user} opens a chat connection', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await openSocket(session);
});

When('{user} opens a chat connection with {pronoun} token {carrier}', async function (this: ApexWorld, user: string, _pronoun: string, carrier: SocketAuth) {
  await openSocket(this.session(user), carrier);
});

When('{user} opens a chat connection with {pronoun} token written {authorizationWriting} in the Authorization header', async function (this: ApexWorld, user: string, _pronoun: string, writing: AuthorizationWriter) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await openSocket(session, 'header', session.chatUrl, { authorization: writing });
});

When('{user} opens a chat connection with {pronoun} token {carrier} and a token {forgery} {carrier}', async function (this: ApexWorld, user: string, _pronoun: string, carrier: SocketAuth, forgery: string, otherCarrier: SocketAuth) {
  const session = this.session(user);
  await ensureSignedIn(session);
  const recipe = FORGERIES[forgery];
  if (recipe.needsSecret && !this.target.secrets.jwt) return this.skip(`building a token that is ${forgery} needs the signing secret; set APEX_JWT_SECRET for this target.`);
  const bad = await recipe.build({ accessToken: session.accessToken, refreshToken: session.tokens!.refresh_token, signingSecret: this.target.secrets.jwt, signOut: async () => undefined, serviceToken: async () => undefined });
  await openSocket(session, carrier, session.chatUrl, { alsoCarried: { token: bad, auth: otherCarrier } });
});

Then("{user}'s chat connection is refused because {socketRefusal}", async function (this: ApexWorld, user: string, reason: string) {
  await expectLastConnectionRefused(this.session(user), reason);
});

Given('{user} has a chat connection open', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await chatSocket(session);
});

Given('{user} has a chat connection open on each instance', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await chatSocket(session);
  await connect(session, 'header', this.latestInstance.wsUrl);
});

Then('{user} is welcomed into the chat as herself/himself/themselves', async function (this: ApexWorld, user: string) {
  await expectWelcomedAsThemselves(this.session(user));
});

Given('{user} has {int} chat connections open', async function (this: ApexWorld, user: string, count: number) {
  await haveChatsOpen(this.session(user), count);
});

When('{user} opens {int} chat connections', async function (this: ApexWorld, user: string, count: number) {
  await openChats(this.session(user), count);
});

When('{user} closes one of {pronoun} chat connections', async function (this: ApexWorld, user: string, _pronoun: string) {
  await closeOneChat(this.session(user));
});

Then("all {int} of {user}'s open chat connections (still )answer", async function (this: ApexWorld, count: number, user: string) {
  await expectOpenChatsAnswer(this.session(user), count);
});

Then("{user}'s open chat connection (still )answers", async function (this: ApexWorld, user: string) {
  await expectOpenChatsAnswer(this.session(user), 1);
});

Given('{user} has a chat connection open that has stopped reading', async function (this: ApexWorld, user: string) {
  await haveChatThatStoppedReading(this.session(user));
});
