import { chatSocket, connect } from './chat';
import { ensureSignedIn } from './sign-in';
import { haveChatThatStoppedReading, haveChatsOpen, startConversationWithNotes } from '../resource-bounds';
import { expectStatus } from '../clients/http';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} has …": what a person already has: connections, conversations, sessions. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const HAVING: Record<string, PhraseStep> = {
  'a chat connection open': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await chatSocket(session);
  },
  'a chat connection open on each instance': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await chatSocket(session);
    await connect(session, 'header', this.latestInstance.wsUrl);
  },
  '{int} chat connections open': async function (this: ApexWorld, user: string, count: number) {
    await haveChatsOpen(this.session(user), count);
  },
  'a chat connection open that has stopped reading': async function (this: ApexWorld, user: string) {
    await haveChatThatStoppedReading(this.session(user));
  },
  'a conversation with {int} KiB of notes': async function (this: ApexWorld, user: string, kib: number) {
    await startConversationWithNotes(this.session(user), kib);
  },
  'a conversation titled {string}': async function (this: ApexWorld, user: string, title: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    session.remember('thread', expectStatus(await session.api.createThread(session.accessToken, { title }), 201, `Starting ${user}'s conversation`).body);
    session.remember('threadTitle', title);
  },
  'a conversation': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    session.remember('thread', expectStatus(await session.api.createThread(session.accessToken, { title: 'Shared by many writers' }), 201, `Starting ${user}'s conversation`).body);
  },
  'a chat connection open that answers heartbeats': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await connect(session, 'header', session.chatUrl);
  },
  'a chat connection open that has stopped answering heartbeats': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await ensureSignedIn(session);
    await connect(session, 'header', session.chatUrl, { answerHeartbeats: false });
  },
};
