/** Scripted SSE endpoints of the test server (see test/server/sse-script.mjs). */
export interface ScriptStep {
  status?: number;
  type?: string;
  chunks?: string[];
  gap?: number;
  end?: boolean;
}

export interface LoggedRequest {
  method: string;
  lastEventId: string | null;
  header: string | null;
  body: string | null;
  closed: boolean;
}

let counter = 0;

/** A fresh scripted endpoint; `log()` returns the requests it saw. */
export function script(steps: ScriptStep[]) {
  const id = `s${Date.now()}-${++counter}`;
  return {
    url: `/api/sse-script/${id}?script=${encodeURIComponent(JSON.stringify(steps))}`,
    log: async () => (await (await fetch(`/api/sse-log/${id}`)).json()) as LoggedRequest[],
  };
}

/** One SSE event as wire text. */
export function sse(data: unknown, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`;
  return `${head}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}
