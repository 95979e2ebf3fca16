/**
 * Makes a command exit quietly when the reader of its output goes away (`npm run diff | head`):
 * writing to a closed pipe fails with EPIPE, which Node would otherwise report as an unhandled
 * error with a stack trace. Nothing more can be shown to anyone, so the process ends with the exit
 * code it had reached (0 if none yet), as a command cut short by `head` usually does.
 */
let installed = false;

export function exitQuietlyOnClosedPipe(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  if (installed) return;
  installed = true;
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw error;
    });
  }
}
