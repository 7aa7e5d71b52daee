import type { CustomSignal } from '../../src/index.js';

/** The team's custom signals (see team-signals.js). */
declare const customSignals: CustomSignal[];
export default customSignals;
