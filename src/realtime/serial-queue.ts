/**
 * Runs jobs one at a time, in the order they were added. Jobs that finish
 * at once run in one synchronous pass, so the messages of one network chunk
 * are all handled before the view updates once; a job that returns a
 * promise holds the queue until it settles.
 */
export class SerialQueue {
  private readonly jobs: (() => void | Promise<void>)[] = [];
  private next = 0;
  private running = false;

  add(job: () => void | Promise<void>): void {
    this.jobs.push(job);
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.next < this.jobs.length) {
        const job = this.jobs[this.next++];
        // Drop what has run, now and then, rather than shifting every time.
        if (this.next > 1024) {
          this.jobs.splice(0, this.next);
          this.next = 0;
        }
        const pending = job();
        if (pending !== undefined) await pending;
      }
    } finally {
      this.jobs.length = 0;
      this.next = 0;
      this.running = false;
    }
  }
}
