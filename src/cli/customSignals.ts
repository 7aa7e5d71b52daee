/** `--signals <module>`: loads a team's custom signals from an ES module for the CLI. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ClassifierError, type CustomSignal, checkCustomSignals } from '../index.js';
import { CliError } from './io.js';

/**
 * Imports an ES module whose default export (or `customSignals` export) is an array of custom
 * signals, and checks them. Unreadable modules and bad definitions are exit code 2.
 */
export async function loadCustomSignals(path: string): Promise<readonly CustomSignal[]> {
  let module: { default?: unknown; customSignals?: unknown };
  try {
    module = await import(pathToFileURL(resolve(path)).href);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? 'error') : 'error';
    throw new CliError(`cannot load custom signals from ${path}: ${reason}`, 2);
  }
  const list = module.customSignals ?? module.default;
  if (!Array.isArray(list)) {
    throw new CliError(`${path} must export an array of custom signals (export default [...] or export const customSignals = [...])`, 2);
  }
  try {
    return checkCustomSignals(list);
  } catch (error) {
    if (error instanceof ClassifierError) {
      throw new CliError(
        `invalid custom signals in ${path}`,
        2,
        error.problems.map((p) => `${p.path}: ${p.message}`),
      );
    }
    throw error;
  }
}
