import { TEST_ORGANISATION_DIRECTORY } from './test-organisation-directory.js';

// Every test file: services built in-process read their organisation directory from here unless the
// suite configures one, so the test hosts in events' datarefs are the owners' configured origins.
process.env.ORGANISATION_DIRECTORY ??= JSON.stringify(TEST_ORGANISATION_DIRECTORY);
