import { exitOnError } from './lib/prepare-run';
import { stepsCheck } from './lib/checks';

/** `npm run steps:check`: fails, with a snippet for each, when a feature has a step no definition matches. */
stepsCheck(process.env)
  .then((result) => {
    console.log(`${result.ok ? 'ok' : 'FAILED'}: ${result.detail}`);
    process.exit(result.ok ? 0 : 1);
  })
  .catch(exitOnError);
