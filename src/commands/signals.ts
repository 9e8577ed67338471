/**
 * Stopping a long-running command (`stet serve`, `stet demo`) on Ctrl-C or
 * SIGTERM without losing the checks under way.
 *
 * Ctrl-C reaches every process of the terminal's group, and npm and tsx
 * pass it on to their child as well, so one key press can arrive twice
 * within milliseconds. With a one-shot listener the second copy found no
 * listener and Node's default (or tsx's) exited at once, dropping checks in
 * progress (the article came back only when its lease ran out). So the
 * listeners stay: the first signal starts the orderly stop, copies within
 * REPEAT_MS are ignored, and a signal sent later on purpose quits at once.
 */
const REPEAT_MS = 2000;

/** `underWay`: how many checks are under way when the signal comes (said: "stopping" alone when none). */
export function stopOnSignals(stop: () => Promise<void>, say: (line: string) => void, underWay: () => number): void {
  let first: number | null = null;
  const onSignal = (): void => {
    if (first === null) {
      first = Date.now();
      const n = underWay();
      say(n === 0 ? 'stopping' : `stopping: waiting for ${n === 1 ? 'the check' : `${n} checks`} under way… (Ctrl-C again to quit at once)`);
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          say(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
      return;
    }
    if (Date.now() - first < REPEAT_MS) return;
    say('quitting without waiting for checks under way');
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
