import type { Phrase, PhraseStep } from '../support/phrasebook';
import { readyToChat } from '../support/tasks/crowd';
import { startAgent } from '../support/tasks/chat';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { costQuestion, parseAsks } from '../support/domain';

/** Everyone signed in with a chat open first, so that the asking itself happens at one moment. */

When('these customers ask at the same moment:', async function (this: ApexWorld, table: DataTable) {
  const asks = parseAsks(table.hashes());
  await readyToChat(asks.map((a) => this.session(a.name)));
  await Promise.all(asks.map((a) => startAgent(this.session(a.name), a.agent, { user_request: costQuestion(a.workload), context: { workload: a.workload } })));
});

Given('{users} {crowdContext}', function (this: ApexWorld, p0: any, crowdContext: Phrase<PhraseStep>) {
  return crowdContext.meaning.call(this, p0, ...crowdContext.values);
});

Then('the chat {chatAnswer}', function (this: ApexWorld, chatAnswer: Phrase<PhraseStep>) {
  return chatAnswer.meaning.call(this, ...chatAnswer.values);
});

When('{users} {crowdAction}', function (this: ApexWorld, p0: any, crowdAction: Phrase<PhraseStep>) {
  return crowdAction.meaning.call(this, p0, ...crowdAction.values);
});
