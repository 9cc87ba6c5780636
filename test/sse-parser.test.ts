import { expect } from '@open-wc/testing';
import {
  EventAssembler,
  LineSplitter,
  SseParser,
  type SseEvent,
} from '../src/realtime/sse-parser.js';

function parse(chunks: (string | Uint8Array)[]) {
  const events: SseEvent[] = [];
  const ids: string[] = [];
  const retries: number[] = [];
  const parser = new SseParser({
    event: (e) => events.push(e),
    id: (id) => ids.push(id),
    retry: (ms) => retries.push(ms),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { events, ids, retries };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SSE lines', () => {
  it('end at LF, CRLF and a lone CR', () => {
    expect(new LineSplitter().push('a\nb\r\nc\rd')).to.deep.equal(['a', 'b', 'c']);
  });

  it('treat a CR and an LF split across chunks as one line ending', () => {
    const lines = new LineSplitter();
    expect(lines.push('a\r')).to.deep.equal(['a']);
    expect(lines.push('\nb\n')).to.deep.equal(['b']);
  });

  it('join a line split across chunks', () => {
    const lines = new LineSplitter();
    expect(lines.push('da')).to.deep.equal([]);
    expect(lines.push('ta: x\n')).to.deep.equal(['data: x']);
  });
});

describe('SSE events', () => {
  it('join data lines with a newline', () => {
    const { events } = parse(['data: {"n":\ndata: 1}\n\n', 'data: hello\ndata: world\n\n']);
    expect(events.map((e) => e.data)).to.deep.equal(['{"n":\n1}', 'hello\nworld']);
    expect(events[1].data).to.have.length(11);
  });

  it('deliver one event from CRLF lines cut anywhere', () => {
    const { events } = parse(['data: [1,\r\n', 'data: 2,\r', '\n', 'data: 3]\r\n', '\r\n']);
    expect(events).to.deep.equal([{ type: 'message', data: '[1,\n2,\n3]', id: '' }]);
  });

  it('drop a byte order mark at the start, even split across chunks', () => {
    const bom = bytes('\uFEFFdata: first\n\n');
    const { events } = parse([bom.slice(0, 2), bom.slice(2)]);
    expect(events.map((e) => e.data)).to.deep.equal(['first']);
  });

  it('keep a UTF-8 character split across chunks', () => {
    const all = bytes('data: é€\n\n');
    const { events } = parse([all.slice(0, 7), all.slice(7, 9), all.slice(9)]);
    expect(events[0].data).to.equal('é€');
  });

  it('dispatch nothing for comments, retry and id alone', () => {
    const { events, ids, retries } = parse([': ping\n\n', ':\n\n', 'retry: 1000\n\n', 'id: 5\n\n']);
    expect(events).to.deep.equal([]);
    expect(retries).to.deep.equal([1000]);
    expect(ids).to.deep.equal(['5']);
  });

  it('read event names with or without a space, and default to message', () => {
    const { events } = parse([
      'event: update\ndata: 1\n\n',
      'data: 2\n\n',
      'event:update\ndata: 4\n\n',
    ]);
    expect(events.map((e) => [e.type, e.data])).to.deep.equal([
      ['update', '1'],
      ['message', '2'],
      ['update', '4'],
    ]);
  });

  it('keep the last event id across events, and take an id from an event without data', () => {
    const { events, ids } = parse(['id: 41\ndata: a\n\n', 'data: b\n\n', 'id: 42\n\n']);
    expect(events.map((e) => e.id)).to.deep.equal(['41', '41']);
    expect(ids).to.deep.equal(['41', '42']);
  });

  it('ignore an id containing NUL, a non-numeric retry and unknown fields', () => {
    const { events, ids, retries } = parse(['id: a\0b\nretry: soon\nfoo: bar\ndata: x\n\n']);
    expect(events).to.deep.equal([{ type: 'message', data: 'x', id: '' }]);
    expect(ids).to.deep.equal([]);
    expect(retries).to.deep.equal([]);
  });

  it('treat a field without a colon as a field with an empty value', () => {
    const assembler: SseEvent[] = [];
    const events = new EventAssembler({ event: (e) => assembler.push(e) });
    for (const line of ['data', 'data', '']) events.line(line);
    expect(assembler).to.deep.equal([{ type: 'message', data: '\n', id: '' }]);
  });

  it('gives the same events however the bytes are chunked', () => {
    const stream =
      'id: 1\r\nevent: a\r\ndata: x\r\n\r\n: c\n\nid: 2\ndata: y\ndata: z\r\rdata: é\n\n';
    const whole = parse([bytes(stream)]).events;
    const all = bytes(stream);
    for (let size = 1; size <= 7; size++) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < all.length; i += size) chunks.push(all.slice(i, i + size));
      expect(parse(chunks).events, `chunks of ${size}`).to.deep.equal(whole);
    }
    expect(whole.map((e) => e.data)).to.deep.equal(['x', 'y\nz', 'é']);
  });
});
