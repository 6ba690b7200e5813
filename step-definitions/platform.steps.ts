import { Given, Then, When } from '@cucumber/cucumber';
import { phrased } from '../support/phrasebook';

// The platform and its instances: how they are set up, what happens to them and what they do.

Given('the platform {platformSetting}', phrased(0));
Given('a platform instance {platformInstance}', phrased(0));
Given('an instance of the platform {instanceSetting}', phrased(0));

When('the platform {platformEvent}', phrased(0));
When('its {dependency} {dependencyEvent}', phrased(1));

Then('the platform {platformOutcome}', phrased(0));
