/**
 * The Server-Sent Events wire format, in three small stages, as the WHATWG
 * HTML standard ("Interpreting an event stream") defines it:
 *
 *   bytes  → text    TextDecoder in stream mode (drops a leading BOM, even
 *                    one split across chunks; keeps split UTF-8 sequences)
 *   text   → lines   CRLF, LF and a lone CR all end a line, also when the
 *                    CR and the LF arrive in different chunks
 *   lines  → events  fields, comments, dispatch on a blank line
 *
 * Written here rather than taken from `eventsource-parser` because that
 * parser (3.x and 4.x) drops an event that has an `id` but no data without
 * reporting the id, while the standard updates the last event ID at every
 * dispatch; a reconnect would then ask for the wrong history.
 */

export interface SseEvent {
  /** The `event:` field, or "message". */
  readonly type: string;
  /** The last event ID as of this event ("" when none was ever sent). */
  readonly id: string;
  /** The data lines joined with "\n". */
  readonly data: string;
}

export interface SseHandlers {
  /** A complete event with data. */
  event(event: SseEvent): void;
  /** The last event ID changed (also for events without data). */
  id?(id: string): void;
  /** The server asked for a reconnection delay in milliseconds. */
  retry?(ms: number): void;
}

/** Splits text into lines, keeping what is left of a line between chunks. */
export class LineSplitter {
  #rest = '';
  #afterCR = false;

  /** Returns the complete lines in `chunk`, without their line endings. */
  push(chunk: string): string[] {
    // A CR ended the last chunk: an LF opening this one belongs to it.
    const text = this.#afterCR && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    this.#afterCR = text.endsWith('\r');
    // What is left over has no line ending, so it simply continues the
    // text; the last piece is unfinished.
    const lines = (this.#rest + text).split(/\r\n?|\n/);
    this.#rest = lines.pop()!;
    return lines;
  }
}

/** Turns lines into events, keeping the state the standard keeps. */
export class EventAssembler {
  /** Every data line so far, each followed by "\n". */
  #data = '';
  #type = '';
  #lastId = '';
  #idBuffer = '';

  readonly #handlers: SseHandlers;

  constructor(handlers: SseHandlers) {
    this.#handlers = handlers;
  }

  line(line: string): void {
    if (line === '') return this.#dispatch();
    // The field name runs to the first colon (or the end of the line); one
    // space after the colon is dropped. A comment (":...") has the empty
    // field name, which is ignored like any unknown field.
    const [, field, value] = /^([^:]*):? ?(.*)$/s.exec(line)!;
    switch (field) {
      case 'data':
        this.#data += value + '\n';
        return;
      case 'event':
        this.#type = value;
        return;
      case 'id':
        if (!value.includes('\0')) this.#idBuffer = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) this.#handlers.retry?.(Number(value));
    }
  }

  #dispatch(): void {
    if (this.#idBuffer !== this.#lastId) {
      this.#lastId = this.#idBuffer;
      this.#handlers.id?.(this.#lastId);
    }
    const data = this.#data;
    const type = this.#type || 'message';
    this.#data = this.#type = '';
    // In the order the `event` scope name shows them: { type, id, data },
    // without the "\n" after the last data line.
    if (data !== '') this.#handlers.event({ type, id: this.#lastId, data: data.slice(0, -1) });
  }
}

/** Bytes in, events out: the three stages chained for one stream. */
export class SseParser extends EventAssembler {
  /** UTF-8, which is what the standard decodes every stream as. */
  readonly #decoder = new TextDecoder();
  readonly #lines = new LineSplitter();

  push(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    for (const line of this.#lines.push(text)) this.line(line);
  }
}
