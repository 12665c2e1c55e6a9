/** The command succeeded. */
export const EXIT_OK = 0
/** The command failed (a Stratum error or an unexpected one). */
export const EXIT_FAILURE = 1
/** The command line was wrong: unknown command or option, missing argument, bad value. */
export const EXIT_USAGE = 2
