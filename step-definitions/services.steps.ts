import { Then } from '@cucumber/cucumber';
import { phrased } from '../support/phrasebook';

// What the platform's services answer: the REST API, the chat and the auth service.

Then('the API {apiAnswer}', phrased(0));
Then('the chat {chatAnswer}', phrased(0));
Then('the auth service {authOutcome}', phrased(0));
