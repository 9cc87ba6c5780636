// The demos as a person uses them: the real demo server, real Chromium,
// several tabs. Starts its own server on a free port, and restarts it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../server/chromium.mjs';

const root = new URL('../..', import.meta.url).pathname;
const historyFile = join(mkdtempSync(join(tmpdir(), 'constela-e2e-')), 'chat.json');
let port;
let server;
let browser;

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startServer() {
  server = spawn(process.execPath, ['demo/server.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), CHAT_HISTORY: historyFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (data) => String(data).includes('http://') && resolve());
    server.on('exit', (code) => reject(new Error(`demo server exited with ${code}`)));
  });
}

function stopServer() {
  return new Promise((resolve) => {
    server.removeAllListeners('exit');
    server.on('exit', resolve);
    server.kill('SIGKILL');
  });
}

before(async () => {
  port = await freePort();
  await startServer();
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) await stopServer();
});

async function open(path) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`http://localhost:${port}${path}`);
  page.errors = errors;
  return page;
}

const messages = (page) => page.locator('constela-app .message').allTextContents();

test('two chat tabs talk to each other', async () => {
  const a = await open('/demo/chat.html');
  const b = await open('/demo/chat.html');
  for (const page of [a, b]) await page.locator('constela-app input').waitFor();
  await a.locator('constela-app input').fill('hello from A');
  await a.locator('constela-app .send').click();
  await b.waitForFunction(() =>
    [...document.querySelectorAll('.message')].some((m) => m.textContent === 'hello from A'),
  );
  await b.locator('constela-app input').fill('hi A, B here');
  await b.locator('constela-app input').press('Enter');
  await a.waitForFunction(() =>
    [...document.querySelectorAll('.message')].some((m) => m.textContent === 'hi A, B here'),
  );
  assert.equal(await a.locator('constela-app input').inputValue(), '');
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.close();
  await b.close();
});

test('a server restart shows the reconnect banner, then the messages missed meanwhile', async () => {
  const page = await open('/demo/chat.html');
  await page.locator('constela-app input').waitFor();
  await page.waitForFunction(() => document.querySelector('constela-app').getState('connected'));
  assert.equal(await page.locator('.status').count(), 0);

  await stopServer();
  await page.locator('.status.disconnected').waitFor({ timeout: 5000 });
  assert.equal(await page.locator('.status').textContent(), 'Disconnected. Reconnecting...');

  // Back up, a message is sent before this tab has reconnected (its
  // backoff is at least a second): it can only arrive by replay.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await startServer();
  const sent = await fetch(`http://localhost:${port}/api/chat/send`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify('sent while you were away'),
  });
  assert.equal(sent.status, 200);
  assert.equal((await messages(page)).includes('sent while you were away'), false);

  await page.locator('.status').waitFor({ state: 'detached', timeout: 15000 });
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('.message')].some(
        (m) => m.textContent === 'sent while you were away',
      ),
    null,
    { timeout: 5000 },
  );
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('a failing like shows at once, then rolls back', async () => {
  const page = await open('/demo/likes.html');
  await page.locator('.post').first().waitFor();
  await page.locator('.fail').check();
  await page.waitForFunction(
    () => document.querySelector('constela-app').getState('failing') === true,
  );
  await page.locator('.like').nth(0).click();
  assert.equal(await page.locator('.post').nth(0).getAttribute('class'), 'post liked');
  await page.waitForFunction(() => document.querySelector('.post').className === 'post', null, {
    timeout: 5000,
  });
  await page.locator('.fail').uncheck();
  await page.locator('.like').nth(0).click();
  await new Promise((resolve) => setTimeout(resolve, 1200));
  assert.equal(await page.locator('.post').nth(0).getAttribute('class'), 'post liked');
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the live board stays in sync across tabs through JSON Patch', async () => {
  const a = await open('/demo/board.html');
  const b = await open('/demo/board.html');
  for (const page of [a, b]) await page.locator('.status.live').waitFor();
  const cardIn = (page, id) =>
    page.evaluate(
      (id) => document.querySelector(`.card[data-id="${id}"]`)?.closest('.column')?.dataset.column,
      id,
    );
  const before = await cardIn(a, 'c1');
  await a.locator('.card[data-id="c1"] .advance').click();
  await b.waitForFunction(
    ([id, from]) =>
      document.querySelector(`.card[data-id="${id}"]`)?.closest('.column')?.dataset.column !== from,
    ['c1', before],
    { timeout: 5000 },
  );
  assert.equal(await cardIn(a, 'c1'), await cardIn(b, 'c1'));
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.close();
  await b.close();
});
