/**
 * One Server-Sent Events connection, over `fetch` so that every reconnect
 * can send `Last-Event-ID`, and a program can send headers or POST.
 *
 * The reconnect loop is this one and no other: the stream ending, a
 * network failure, a non-2xx status and a wrong content type are all drops;
 * each drop asks the Backoff whether and when to retry; a successful open
 * resets the count. A 204 means the server wants no more. While the browser
 * is offline no retry is spent: coming back online reconnects at once.
 */
import type { Backoff } from './backoff.js';
import { SseParser, type SseEvent } from './sse-parser.js';

export interface SseRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Event types to deliver; others are skipped. */
  readonly eventTypes: ReadonlySet<string>;
}

/** What `onError` gets when the connection drops. */
export interface DropInfo {
  message: string;
  status?: number;
  /** How many times in a row the connection has now failed. */
  attempt: number;
  willRetry: boolean;
  /** Milliseconds until the next try, when there is one. */
  delay?: number;
}

export interface SseListener {
  open(): void;
  message(event: SseEvent): void;
  drop(info: DropInfo): void;
}

export class SseConnection {
  #lastEventId = '';
  /** Failed retries since the last successful open. */
  #retries = 0;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;
  readonly #onOnline = () => this.#resumeOnline();
  readonly #onOffline = () => this.#controller?.abort('offline');

  readonly #request: SseRequest;
  readonly #backoff: Backoff;
  readonly #listener: SseListener;

  constructor(request: SseRequest, backoff: Backoff, listener: SseListener) {
    this.#request = request;
    this.#backoff = backoff;
    this.#listener = listener;
  }

  start(): void {
    window.addEventListener('offline', this.#onOffline);
    void this.#connect();
  }

  /** Closes the stream for good: the server sees the request end. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#controller?.abort('closed');
    clearTimeout(this.#timer);
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  async #connect(): Promise<void> {
    this.#timer = undefined;
    if (this.#closed) return;
    if (!navigator.onLine) return this.#waitOnline();
    const controller = new AbortController();
    this.#controller = controller;
    const headers: Record<string, string> = {
      Accept: 'text/event-stream',
      'Cache-Control': 'no-cache',
      ...this.#request.headers,
    };
    if (this.#lastEventId !== '') headers['Last-Event-ID'] = this.#lastEventId;

    let status: number | undefined;
    try {
      const response = await fetch(this.#request.url, {
        method: this.#request.method,
        headers,
        body: this.#request.body,
        cache: 'no-store',
        signal: controller.signal,
      });
      status = response.status;
      if (response.status === 204) return this.#end('the server ended the stream (204)', 204);
      if (!response.ok) return this.#drop(`the server answered ${response.status}`, status);
      const type = response.headers.get('content-type') ?? '';
      if (!/^text\/event-stream\b/i.test(type) || response.body === null) {
        await response.body?.cancel();
        return this.#drop(`expected text/event-stream, got "${type}"`, status);
      }

      this.#retries = 0;
      this.#listener.open();
      await this.#read(response.body, controller);
      this.#drop('the stream ended', status);
    } catch (error) {
      if (this.#closed || controller.signal.reason === 'closed') return;
      const message =
        controller.signal.reason === 'offline'
          ? 'the browser went offline'
          : `the connection failed: ${(error as Error)?.message ?? String(error)}`;
      this.#drop(message, status);
    }
  }

  async #read(body: ReadableStream<Uint8Array>, controller: AbortController): Promise<void> {
    const parser = new SseParser({
      event: (event) => {
        if (!this.#closed && this.#request.eventTypes.has(event.type))
          this.#listener.message(event);
      },
      id: (id) => (this.#lastEventId = id),
      retry: (ms) => (this.#backoff.baseDelay = ms),
    });
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || controller.signal.aborted) return;
        parser.push(value);
      }
    } finally {
      reader.releaseLock();
    }
  }

  #drop(message: string, status?: number): void {
    if (this.#closed) return;
    this.#controller?.abort('dropped');
    if (!navigator.onLine) {
      this.#listener.drop({ message, status, attempt: this.#retries + 1, willRetry: true });
      return this.#waitOnline();
    }
    const n = this.#retries;
    if (!this.#backoff.allows(n)) return this.#end(message, status);
    const delay = this.#backoff.delay(n);
    this.#listener.drop({ message, status, attempt: n + 1, willRetry: true, delay });
    this.#retries = n + 1;
    this.#timer = setTimeout(() => void this.#connect(), delay);
  }

  /** Stops retrying; the connection stays closed. */
  #end(message: string, status?: number): void {
    this.#listener.drop({ message, status, attempt: this.#retries + 1, willRetry: false });
    this.close();
  }

  #waitOnline(): void {
    window.addEventListener('online', this.#onOnline, { once: true });
  }

  #resumeOnline(): void {
    clearTimeout(this.#timer);
    if (!this.#closed) void this.#connect();
  }
}
