import { Given } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { ModelBehaviour, STAND_IN_MODEL, StandInChatModel } from '../support/fakes/chat-model';

Given('the agents word their answers with a language model that {modelBehaviour}', async function (this: ApexWorld, behaviour: ModelBehaviour) {
  if (this.target.kind === 'remote') return this.skip('this puts a stand-in model behind a reference platform instance; a remote target brings its own model.');
  const model = await StandInChatModel.start(behaviour);
  this.keepStandIn(model);
  this.remember('model behaviour', behaviour);
  this.remember('stand-in model', model);
  const instance = await this.startInstance({ LLM_BASE_URL: model.baseUrl, LLM_API_KEY: 'stand-in-key', LLM_MODEL: STAND_IN_MODEL, LLM_TIMEOUT_MS: '300' });
  this.moveEveryoneTo(instance!);
});

