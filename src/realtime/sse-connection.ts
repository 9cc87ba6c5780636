/**
 * One Server-Sent Events connection, over `fetch` so that every reconnect
 * can send `Last-Event-ID`, and a program can send headers or POST.
 *
 * The reconnect loop is this one and no other: the stream ending, a
 * network failure, a non-2xx status and a wrong content type are all drops;
 * each drop asks the reconnect policy whether and when to retry; a
 * successful open resets the count. A 204 means the server wants no more.
 * While the browser is offline no retry is spent: coming back online
 * reconnects at once.
 */
import { retryDelay, type ReconnectConfig } from './backoff.js';
import { SseParser, type SseEvent } from './sse-parser.js';

export interface SseRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly reconnect?: ReconnectConfig;
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
  /** Every event of the stream (called unbound, by the parser). */
  readonly message: (event: SseEvent) => void;
  drop(info: DropInfo): void;
}

export interface SseConnection {
  /** Sends the first request. */
  start(): void;
  /** Closes the stream for good: the server sees the request end. */
  close(): void;
  readonly isClosed: boolean;
}

/** Makes a connection; `start` opens it. */
export function sseConnection(request: SseRequest, listener: SseListener): SseConnection {
  const { url, headers, reconnect, ...init } = request;
  let lastEventId = '';
  /** Failed retries since the last successful open. */
  let retries = 0;
  /** The server's `retry:` field, when it sent one. */
  let baseDelay: number | undefined;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  /** The status of the current request's response, once it has one. */
  let status: number | undefined;

  // The one abort whose reason is read: connect's catch reports it.
  const onOffline = () => controller?.abort('offline');

  // Closing twice does no harm, so there is no guard.
  const close = () => {
    closed = true;
    controller?.abort();
    clearTimeout(timer);
    window.removeEventListener('online', connect);
    window.removeEventListener('offline', onOffline);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    // No retry is pending meanwhile: a retry that finds the browser offline
    // comes here, and an offline drop schedules none.
    if (!navigator.onLine) return window.addEventListener('online', connect, { once: true });
    const { signal } = (controller = new AbortController());
    const sent: Record<string, string> = {
      Accept: 'text/event-stream',
      'Cache-Control': 'no-cache',
      ...headers,
    };
    if (lastEventId !== '') sent['Last-Event-ID'] = lastEventId;

    status = undefined;
    try {
      const response = await fetch(url, { ...init, headers: sent, cache: 'no-store', signal });
      const { body } = response;
      status = response.status;
      if (status === 204) return drop('the server ended the stream (204)', true);
      if (!response.ok) return drop(`the server answered ${status}`);
      const type = response.headers.get('content-type') ?? '';
      if (!/^text\/event-stream\b/i.test(type) || body === null) {
        await body?.cancel();
        return drop(`expected text/event-stream, got "${type}"`);
      }

      retries = 0;
      listener.open();
      const parser = new SseParser({
        event: listener.message,
        id: (id) => (lastEventId = id),
        retry: (ms) => (baseDelay = ms),
      });
      const reader = body.getReader();
      for (let read; !(read = await reader.read()).done && !signal.aborted;) {
        parser.push(read.value);
      }
      drop('the stream ended');
    } catch (error) {
      // Closing aborts the request too; `drop` then does nothing.
      drop(
        signal.reason === 'offline'
          ? 'the browser went offline'
          : `the connection failed: ${(error as Error)?.message ?? String(error)}`,
      );
    }
  }

  /**
   * Tells the listener, then waits to be online (spending no retry),
   * retries later, or, when the policy allows no more or the drop is
   * `final`, closes.
   */
  function drop(message: string, final = false): void {
    if (closed) return;
    controller?.abort();
    const offline = !final && !navigator.onLine;
    const delay = final || offline ? undefined : retryDelay(reconnect, retries, baseDelay);
    const info: DropInfo = { message, status, attempt: retries + 1, willRetry: true };
    if (delay !== undefined) info.delay = delay;
    else info.willRetry = offline;
    listener.drop(info);
    // Offline, `connect` waits to be online before it sends anything.
    if (offline) void connect();
    else if (delay === undefined) close();
    else {
      retries++;
      timer = setTimeout(connect, delay);
    }
  }

  return {
    start() {
      window.addEventListener('offline', onOffline);
      void connect();
    },
    close,
    get isClosed() {
      return closed;
    },
  };
}
