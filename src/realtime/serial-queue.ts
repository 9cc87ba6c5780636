/**
 * Runs jobs one at a time, in the order they were added. Jobs that finish
 * at once run in one synchronous pass, so the view updates once for all of
 * them; a job that returns a promise holds the queue until it settles.
 *
 * `schedule` decides when a pass starts after the queue was idle: at once
 * by default, or, with `nextFrame`, at the next frame, so that everything
 * that arrived during a frame is handled as one batch.
 */
export class SerialQueue {
  readonly #jobs: (() => void | Promise<void>)[] = [];
  /** A pass is scheduled or under way. */
  #busy = false;

  readonly #schedule: (run: () => void) => void;

  constructor(schedule: (run: () => void) => void = (run) => run()) {
    this.#schedule = schedule;
  }

  add(job: () => void | Promise<void>): void {
    this.#jobs.push(job);
    if (this.#busy) return;
    this.#busy = true;
    this.#schedule(() => void this.#run());
  }

  async #run(): Promise<void> {
    const jobs = this.#jobs;
    try {
      while (jobs.length > 0) {
        const pending = jobs.shift()!();
        if (pending !== undefined) await pending;
      }
    } finally {
      jobs.length = 0;
      this.#busy = false;
    }
  }
}
