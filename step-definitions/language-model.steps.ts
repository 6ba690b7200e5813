import { Given, Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { FALLBACK_REASONS, ModelBehaviour, STAND_IN_MODEL, StandInChatModel } from '../support/fakes/chat-model';
import { expectModelReported, expectWordedByModel, expectWordingFellBack } from '../support/expectations/wording';
import { completedResult } from '../support/expectations/agents';

Given('the agents word their answers with a language model that {modelBehaviour}', async function (this: ApexWorld, behaviour: ModelBehaviour) {
  if (this.target.kind === 'remote') return this.skip('this puts a stand-in model behind a reference platform instance; a remote target brings its own model.');
  const model = await StandInChatModel.start(behaviour);
  this.keepStandIn(model);
  this.remember('model behaviour', behaviour);
  this.remember('stand-in model', model);
  const instance = await this.startInstance({ LLM_BASE_URL: model.baseUrl, LLM_API_KEY: 'stand-in-key', LLM_MODEL: STAND_IN_MODEL, LLM_TIMEOUT_MS: '300' });
  this.moveEveryoneTo(instance!);
});

Then('the platform reports the language model it words answers with', async function (this: ApexWorld) {
  await expectModelReported(this.latestInstance.apiUrl);
});

Then("{user}'s answer is worded by the model", async function (this: ApexWorld, user: string) {
  const result = await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
  expectWordedByModel(result, this.recall<StandInChatModel>('stand-in model').calls, this.session(user).lastRun().agent.replace(/_/g, ' '));
});

Then("{user}'s answer says its wording fell back", async function (this: ApexWorld, user: string) {
  const result = await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
  expectWordingFellBack(result, FALLBACK_REASONS[this.recall<ModelBehaviour>('model behaviour')]!);
});
