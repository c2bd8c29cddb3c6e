import { describeReceiverRetention } from '../../../libs/receiver/test/receiver-retention-suite.js';
import { zorgAsReceiver } from './as-receiver.js';

// The shared receiving side's bewaartermijnen (libs/receiver/test/receiver-retention-suite.ts), on zorg's own database.
describeReceiverRetention({ ...zorgAsReceiver, databaseName: 'zorgretention' }, ['zorginformatie']);
