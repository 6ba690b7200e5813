import { gherkinFormatCheck } from './lib/gherkin-format';

/** `npm run format`: lays every feature out as @cucumber/gherkin-utils formats it. */
console.log(gherkinFormatCheck(true).detail);
