/** The plumbline version, written into signatures and reports (a test checks it against package.json). */
export const VERSION = "0.2.0";
