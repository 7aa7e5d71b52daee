/** The shared negation cues (`./data/negation-cues.json`) that notice and event-detail reading use. */
import cues from './data/negation-cues.json';
import type { NegationCues } from './phrases.js';

/** Negation cues in Chinese and English: see the data file's description. */
export const NEGATION_CUES: NegationCues = Object.freeze({
  before: Object.freeze([...cues.before]),
  after: Object.freeze([...cues.after]),
  adjacent: Object.freeze([...cues.adjacent]),
  neutral: Object.freeze([...cues.neutral]),
  contrast: Object.freeze([...cues.contrast]),
});
