/**
 * Detection of primary account numbers (full card numbers, PCI DSS "PAN").
 * A PAN is 13–19 digits that pass the Luhn check; people write them with spaces or dashes.
 */

/** Runs of digits, optionally grouped by single spaces or dashes, that could hold a PAN. */
const DIGIT_RUN = /\d(?:[ -]?\d){12,}/g;

/** True when `digits` (only 0-9) passes the Luhn (mod 10) check. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * True when `text` contains a PAN-like value: a run of 13–19 digits (single spaces or dashes allowed
 * between them) that passes Luhn. In a longer run, every sequence of whole digit groups of 13–19
 * digits is checked, so "4111 1111 1111 1111 2026" is still caught.
 */
export function containsPan(text: string): boolean {
  if (text.length < 13 || longestDigitRun(text) < 13) return false;
  for (const match of text.matchAll(DIGIT_RUN)) {
    if (runHoldsPan(match[0])) return true;
  }
  return false;
}

/** Digits in the longest run of digits joined by single spaces or dashes (a cheap pre-check). */
function longestDigitRun(text: string): number {
  let best = 0;
  let current = 0;
  let separatorBefore = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      current++;
      separatorBefore = false;
      if (current > best) best = current;
    } else if ((c === 32 || c === 45) && current > 0 && !separatorBefore) {
      separatorBefore = true;
    } else {
      current = 0;
      separatorBefore = false;
    }
  }
  return best;
}

function runHoldsPan(run: string): boolean {
  const groups = run.split(/[ -]/);
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      digits += groups[last];
      if (digits.length > 19) break;
      if (digits.length >= 13 && passesLuhn(digits)) return true;
    }
  }
  return false;
}

/** True when the whole of `value` is a PAN (13–19 digits with optional spaces or dashes, Luhn-valid). */
export function isPan(value: string): boolean {
  const digits = value.replace(/[ -]/g, '');
  return /^\d{13,19}$/.test(digits) && /^\d(?:[ -]?\d)+$/.test(value) && passesLuhn(digits);
}

/**
 * Replaces every PAN-like digit run (13–19 digits, Luhn-valid) in `text` with a mask, for text that
 * must be shown or logged anyway: error messages, untrusted names.
 *
 * @example
 * ```ts
 * maskPans('card 4111 1111 1111 1111 declined'); // 'card [card number removed] declined'
 * ```
 */
export function maskPans(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (runHoldsPan(run) ? '[card number removed]' : run));
}
