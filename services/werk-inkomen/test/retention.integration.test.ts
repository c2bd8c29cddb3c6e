import { describeReceiverRetention } from '../../../libs/receiver/test/receiver-retention-suite.js';
import { werkInkomenAsReceiver } from './as-receiver.js';

// The shared receiving side's bewaartermijnen (libs/receiver/test/receiver-retention-suite.ts), on werk-inkomen's own database.
describeReceiverRetention({ ...werkInkomenAsReceiver, databaseName: 'wiretention' }, ['zoekperiode']);
