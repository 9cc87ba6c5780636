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
  /**
   * The jobs not yet finished, the running one first: the queue is busy
   * (a pass is scheduled or under way) exactly while this is not empty.
   */
  readonly #jobs: (() => void | Promise<void>)[] = [];

  readonly #schedule: (run: () => void) => void;

  constructor(schedule: (run: () => void) => void = (run) => run()) {
    this.#schedule = schedule;
  }

  add(job: () => void | Promise<void>): void {
    if (this.#jobs.push(job) === 1) this.#schedule(() => void this.#run());
  }

  async #run(): Promise<void> {
    const jobs = this.#jobs;
    try {
      while (jobs.length > 0) {
        const pending = jobs[0]();
        if (pending !== undefined) await pending;
        jobs.shift();
      }
    } finally {
      // A failed job drops the rest, so that the next job starts a new pass.
      jobs.length = 0;
    }
  }
}
