import { isPlumblineError } from "../../core/errors.js";

/** The case's strings (the reference's own JSON types; the library validates them). */
export const strings = (value: unknown): string[] => value as string[];

/** Runs `f`, giving null where plumbline raises the error the reference raised. */
export function orNull<T>(f: () => T): T | null {
  try {
    return f();
  } catch (error) {
    if (isPlumblineError(error)) return null;
    throw error;
  }
}
