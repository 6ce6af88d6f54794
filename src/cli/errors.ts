import { isPlumblineError } from "../core/errors.js";

/**
 * Runs a CLI action, turning a PlumblineError into one clear line on stderr and exit code 2.
 * Anything else is a bug: it prints its stack and exits 1.
 */
export async function runAction(action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (isPlumblineError(error)) {
      process.stderr.write(`plumbline: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
