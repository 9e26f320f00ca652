// One browser check of a noVNC page served by a gateway, in headless Debian Chromium.
//
//   node e2e/check-session.mjs --url URL --expect connected|refused --display :N
//        --keys-dir DIR --work DIR [--reason TEXT] [--label NAME] [--timeout SECONDS]
//
// --expect connected: the page reaches its connected state; the canvas shows the same pixels as
//   the X server (xwd of the root window); keys typed in the page run `touch key-<nonce>` in the
//   desktop's xterm (its shell runs in --keys-dir); a click in the page moves the X pointer there
//   and arrives as a button 1 press on the root window (seen by xev).
// --expect refused: the page shows --reason as noVNC's security-failure text and never connects.
// --expect revoked: the page connects and shows the desktop; then the token is revoked with
//   DELETE --revoke-url (API key from $E2E_API_KEY); the live session must end within 3 s, and
//   opening the same link again must be refused with --reason.
// --expect idle: the page connects and shows the desktop, sits without input for --idle seconds
//   (longer than the proxy's read timeout in front of the gateway), and must still be connected
//   with keys and clicks arriving afterwards.
// --expect drained: the page connects; then SIGTERM goes to --drain-pid (a gateway with
//   VNCGATE_DRAIN_SECONDS=--drain-seconds). --ready-url must turn 503 at once, the session must
//   stay up until shortly before the deadline and end by close code 1001 within 3 s after it.
// Every check fails when the page logs a Content-Security-Policy violation.
//
// Two pages are understood: Debian's noVNC 1.3.0 app (vnc.html with #noVNC_status and classes
// noVNC_connected etc. on <html>, see /usr/share/novnc/app/ui.js) and vncgate's own page
// (#status, #screen, document.body.dataset.state). Everything it writes goes under --work.
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { XServer } from './xserver.mjs';
import { canvasImage, compare, isBlank } from './pixels.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const APP_REFUSAL_PREFIX = 'New connection has been rejected with reason: '; // noVNC app/ui.js securityFailed
// Not 100%: TigerVNC draws the cursor into a client's framebuffer when another client (or xdotool)
// moved the pointer last, and xwd never shows the cursor. 0.5% is ~3900 pixels of 1024x768.
const PIXEL_MATCH_NEEDED = 0.995;
const XTERM = '^e2e-xterm$'; // the title lib.sh start_desktop gives the desktop's xterm

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string' }, expect: { type: 'string' }, display: { type: 'string' },
    'keys-dir': { type: 'string' }, work: { type: 'string' }, reason: { type: 'string' },
    label: { type: 'string', default: 'session' }, timeout: { type: 'string', default: '90' },
    'revoke-url': { type: 'string' }, idle: { type: 'string', default: '20' },
    'drain-pid': { type: 'string' }, 'drain-seconds': { type: 'string' }, 'ready-url': { type: 'string' },
  },
});
for (const name of ['url', 'expect', 'display', 'keys-dir', 'work']) {
  if (!opt[name]) usage(`--${name} is required`);
}
if (!['connected', 'refused', 'revoked', 'idle', 'drained'].includes(opt.expect)) usage('--expect must be connected, refused, revoked, idle or drained');
if (['refused', 'revoked'].includes(opt.expect) && !opt.reason) usage(`--expect ${opt.expect} needs --reason`);
if (opt.expect === 'drained' && !(opt['drain-pid'] && opt['drain-seconds'] && opt['ready-url'])) usage('--expect drained needs --drain-pid, --drain-seconds and --ready-url');
if (opt.expect === 'revoked' && (!opt['revoke-url'] || !process.env.E2E_API_KEY)) usage('--expect revoked needs --revoke-url and $E2E_API_KEY');

const started = Date.now();
const deadline = started + Number(opt.timeout) * 1000;
const work = resolve(opt.work);
const xserver = new XServer(opt.display);
const say = (msg) => console.log(`[check ${opt.label} +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

class CheckFailed extends Error {}
const fail = (msg) => { throw new CheckFailed(msg); };

function usage(msg) {
  console.error(`check-session: ${msg}`);
  process.exit(2);
}

/** Polls fn (async, returns a truthy value when done) every 100 ms for at most `ms`. */
/** Who waits for the page's next WebSocket close (see the init script in main). */
const socketClosed = [];

async function poll(what, ms, fn) {
  const until = Math.min(Date.now() + ms, deadline);
  for (;;) {
    const done = await fn();
    if (done) return done;
    if (Date.now() >= until) fail(`timed out after ${Math.round(ms / 1000)}s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---- what the page says ------------------------------------------------------------------------

/** Runs in the page: which client it is, its connection state and its status text. */
function readPage() {
  const app = document.getElementById('noVNC_status');
  if (app) {
    const cls = document.documentElement.classList;
    const state = ['connected', 'connecting', 'disconnecting', 'reconnecting']
      .find((s) => cls.contains(`noVNC_${s}`)) ?? 'disconnected';
    return { client: 'novnc-app', state, status: app.textContent.trim(),
      error: app.classList.contains('noVNC_status_error'), canvas: '#noVNC_container canvas' };
  }
  const own = document.getElementById('status');
  if (own && document.body && document.body.dataset.state) {
    const state = document.body.dataset.state;
    return { client: 'vncgate', state, status: own.textContent.trim(),
      error: state === 'refused' || state === 'disconnected', canvas: '#screen canvas' };
  }
  return null;
}

async function waitForOutcome(page) {
  return poll('the page to connect or fail', 30_000, async () => {
    const s = await page.evaluate(readPage);
    return s && (s.state === 'connected' || s.error) ? s : null;
  });
}

// ---- pixels ------------------------------------------------------------------------------------

async function checkPixels(page, selector) {
  let best = { share: -1, text: 'no canvas yet' };
  const result = await poll('the canvas to show the X server\'s pixels', 20_000, async () => {
    const screen = await xserver.screen();
    if (isBlank(screen.rgb)) fail('the X server shows a blank screen; nothing to compare');
    const canvas = await canvasImage(page, selector);
    if (!canvas) return null;
    if (canvas.width !== screen.width || canvas.height !== screen.height) {
      best = { share: -1, text: `canvas is ${canvas.width}x${canvas.height}, X screen ${screen.width}x${screen.height}` };
      return null;
    }
    const match = compare(screen, canvas);
    if (match.share >= best.share) best = match;
    return match.share >= PIXEL_MATCH_NEEDED ? { canvas, match } : null;
  }).catch((e) => fail(`${e.message}; best: ${best.text}`));
  say(`pixels: canvas ${result.canvas.width}x${result.canvas.height} matches the X screen on ${result.match.text}`);
  return result.canvas;
}

// ---- input -------------------------------------------------------------------------------------

/**
 * Whole page coordinates that noVNC turns into X pixel (x, y), wherever and however big the canvas
 * is drawn. noVNC truncates (clientX - canvas left) / scale, so X pixel x spans page coordinates
 * [left + x*scale, left + (x+1)*scale): take the whole one nearest its middle, ties downwards.
 */
function toPage(canvas, x, y) {
  const along = (start, size, count, i) => Math.round(start + ((i + 0.5) * size) / count - 1e-6);
  return { x: along(canvas.box.x, canvas.box.w, canvas.width, x), y: along(canvas.box.y, canvas.box.h, canvas.height, y) };
}

const near = (p, q) => Math.abs(p.x - q.x) <= 1 && Math.abs(p.y - q.y) <= 1;

async function checkKeys(page, canvas) {
  const xterm = await xserver.window(XTERM);
  const target = { x: xterm.x + Math.floor(xterm.width / 2), y: xterm.y + Math.floor(xterm.height / 2) };
  // No window manager: X keyboard focus follows the pointer, and the click focuses noVNC's canvas.
  const at = toPage(canvas, target.x, target.y);
  await page.mouse.click(at.x, at.y);
  await poll(`the X pointer to reach the xterm at ${target.x},${target.y}`, 5_000, async () => near(await xserver.pointer(), target));
  const nonce = randomBytes(4).toString('hex');
  const file = join(resolve(opt['keys-dir']), `key-${nonce}`);
  await page.keyboard.type(`touch key-${nonce}`, { delay: 15 });
  await page.keyboard.press('Enter');
  await poll(`the xterm to run the typed command (file ${file})`, 10_000, () => access(file).then(() => true, () => false));
  say(`keys: typed "touch key-${nonce}" + Enter; the xterm created ${file}`);
}

async function checkClick(page, canvas) {
  // A bare root-window spot away from the xterm, and a different spot to start from.
  const target = { x: Math.floor(canvas.width * 0.75), y: Math.floor(canvas.height * 0.6) };
  const start = { x: Math.floor(canvas.width * 0.6), y: canvas.height - 20 };
  const buttons = xserver.watchButtons();
  try {
    // Park the pointer at the start and wait until xev reports a button 3 press made through
    // XTEST, so xev is listening before the browser clicks (button 3 on the bare root does nothing).
    await xserver.movePointer(start.x, start.y);
    await poll('xev to listen on the root window', 5_000, async () => {
      if (buttons.presses().some((p) => p.button === 3)) return true;
      await xserver.click(3);
      return false;
    });
    const before = buttons.presses().length;
    const at = toPage(canvas, target.x, target.y);
    await page.mouse.click(at.x, at.y);
    const press = await poll(`a button press at ${target.x},${target.y} on the X server`, 5_000,
      async () => buttons.presses()[before]);
    if (press.button !== 1 || !near(press, target)) {
      fail(`X saw button ${press.button} pressed at ${press.x},${press.y}; expected button 1 at ${target.x},${target.y}`);
    }
  } finally {
    buttons.stop();
  }
  const p = await xserver.pointer();
  if (!near(p, target)) fail(`X pointer is at ${p.x},${p.y}; expected ${target.x},${target.y}`);
  say(`click: pointer moved from ${start.x},${start.y} to ${p.x},${p.y} and X got button 1 pressed there`);
}

// ---- the run -----------------------------------------------------------------------------------

async function load(page, again = false) {
  // A second goto to the same URL would only change the fragment, not load the page again.
  await (again ? page.reload({ waitUntil: 'load', timeout: 15_000 }) : page.goto(opt.url, { waitUntil: 'load', timeout: 15_000 }));
  const client = await poll('a noVNC page (#noVNC_status or #status with body[data-state])', 10_000, () => page.evaluate(readPage));
  say(`page loaded: ${client.client} client`);
  return waitForOutcome(page);
}

function expectRefused(outcome) {
  if (outcome.state === 'connected') fail(`the session connected; expected a refusal "${opt.reason}"`);
  const want = outcome.client === 'novnc-app' ? APP_REFUSAL_PREFIX + opt.reason : opt.reason;
  const ok = outcome.client === 'novnc-app' ? outcome.status === want : outcome.state === 'refused' && outcome.status.includes(want);
  if (!ok) fail(`page state "${outcome.state}", status "${outcome.status}"; expected refused with "${want}"`);
  say(`refused as expected: "${outcome.status}"`);
}

/** Revokes the token behind the live session and waits for the page to lose its desktop. */
async function revokeLiveSession(page) {
  const started = Date.now();
  const response = await fetch(opt['revoke-url'], { method: 'DELETE', headers: { Authorization: `Bearer ${process.env.E2E_API_KEY}` } });
  if (response.status !== 204) fail(`DELETE ${opt['revoke-url']} answered ${response.status}: ${await response.text()}`);
  const ended = await poll('the live session to end after the revocation', 3_000, async () => {
    const s = await page.evaluate(readPage);
    return s && s.state !== 'connected' ? s : null;
  });
  say(`revoked: the live session ended ${Date.now() - started} ms after DELETE (page "${ended.state}": "${ended.status}")`);
}

/** No input for --idle seconds: no WebSocket of the page may close meanwhile, and the session is still connected after. */
async function stayIdle(page) {
  const seconds = Number(opt.idle);
  const started = Date.now();
  const closed = new Promise((resolve) => socketClosed.push(resolve));
  const held = new Promise((resolve) => setTimeout(resolve, seconds * 1000, null));
  const close = await Promise.race([closed, held]);
  if (close) fail(`the idle session's WebSocket closed after ${((Date.now() - started) / 1000).toFixed(1)}s: ${JSON.stringify(close)}`);
  const s = await page.evaluate(readPage);
  if (!s || s.state !== 'connected') fail(`the idle session is not connected after ${seconds}s: ${JSON.stringify(s)}`);
  say(`idle for ${seconds}s without input and still connected`);
}

/** SIGTERM to the gateway: readiness goes 503 at once, the session ends with 1001 at the deadline. */
async function drainGateway(page) {
  const seconds = Number(opt['drain-seconds']);
  const started = Date.now();
  process.kill(Number(opt['drain-pid']), 'SIGTERM');
  await poll('/health/ready to answer 503', 2_000, async () => {
    const status = await fetch(opt['ready-url']).then((r) => r.status, () => 0);
    return status === 503;
  });
  say(`draining: ${opt['ready-url']} answers 503 after ${Date.now() - started} ms`);
  const ended = await poll('the live session to end at the drain deadline', (seconds + 3) * 1000, async () => {
    const s = await page.evaluate(readPage);
    return s && s.state !== 'connected' ? s : null;
  });
  const after = Date.now() - started;
  if (after < (seconds - 1) * 1000) fail(`the session ended ${after} ms after SIGTERM, before the ${seconds}s drain deadline`);
  const closes = await page.evaluate(() => window.__vncgateCloses);
  if (!closes.some((c) => c.code === 1001)) fail(`the WebSocket did not close with 1001: ${JSON.stringify(closes)}`);
  say(`drained: the session ended ${after} ms after SIGTERM with close ${JSON.stringify(closes.at(-1))} (page "${ended.state}": "${ended.status}")`);
}

async function check(page) {
  const outcome = await load(page);
  if (opt.expect === 'refused') {
    expectRefused(outcome);
    return;
  }
  if (outcome.state !== 'connected') fail(`page state "${outcome.state}", status "${outcome.status}"; expected connected`);
  say(`connected: "${outcome.status}"`);
  const canvas = await checkPixels(page, outcome.canvas);
  if (opt.expect === 'revoked') {
    await revokeLiveSession(page);
    expectRefused(await load(page, true));
    return;
  }
  if (opt.expect === 'drained') {
    await drainGateway(page);
    return;
  }
  if (opt.expect === 'idle') await stayIdle(page);
  await checkKeys(page, canvas);
  await checkClick(page, canvas);
}

/** Chromium with a fresh profile, HOME and TMPDIR under --work, and its clean-up. */
async function launch() {
  const home = join(work, 'home');
  const tmp = join(work, 'tmp');
  await mkdir(tmp, { recursive: true });
  await mkdir(home, { recursive: true });
  process.env.TMPDIR = tmp; // Playwright's own scratch files stay under --work too
  const profile = await mkdtemp(join(work, 'chromium-profile-'));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') };
  delete env.DISPLAY; // headless: never draw on the desktop under test
  let context;
  const close = async () => {
    xserver.close();
    await context?.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  };
  try {
    // Signals are ours to handle, so Chromium is closed (and reaped) rather than killed.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, env, viewport: { width: 1280, height: 900 },
      handleSIGTERM: false, handleSIGINT: false, handleSIGHUP: false,
    });
  } catch (e) {
    await close();
    fail(`could not start ${CHROMIUM}: ${e.message}`);
  }
  return { context, close };
}

async function main() {
  const { context, close } = await launch();
  let stopping = false;
  const stop = (why) => {
    stopping = true;
    console.error(`[check ${opt.label}] ${why}`);
    close().finally(() => process.exit(1));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.once(signal, () => stop(`stopped by ${signal}`));
  const watchdog = setTimeout(() => stop(`FAIL: no result after ${opt.timeout}s`), deadline - Date.now());
  const logs = [];
  const note = (line) => logs.push(line.replace(/(token(=|%3D))[\w.-]+/gi, '$1***'));
  const page = context.pages()[0] ?? await context.newPage();
  const cspViolations = [];
  page.on('console', (m) => {
    note(`console.${m.type()}: ${m.text()}`);
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  // Close codes of the page's WebSockets, for the checks that need them (noVNC shows only text).
  // noVNC insists the socket's own prototype is WebSocket's, so the native object is returned.
  // Each close also reaches this script at once, for the checks that wait for one.
  await page.exposeBinding('__vncgateClosed', (_source, close) => socketClosed.splice(0).forEach((resolve) => resolve(close)));
  await page.addInitScript(() => {
    window.__vncgateCloses = [];
    const Native = window.WebSocket;
    function Recording(...args) {
      const ws = new Native(...args);
      ws.addEventListener('close', (e) => {
        const close = { code: e.code, reason: e.reason };
        window.__vncgateCloses.push(close);
        window.__vncgateClosed(close);
      });
      return ws;
    }
    Recording.prototype = Native.prototype;
    for (const name of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Recording[name] = Native[name];
    window.WebSocket = Recording;
  });
  page.on('pageerror', (e) => note(`pageerror: ${e.message}`));
  page.on('websocket', (ws) => {
    note(`websocket open ${ws.url()}`);
    ws.on('close', () => note('websocket closed'));
  });
  try {
    await check(page);
    if (cspViolations.length) fail(`the page broke its Content-Security-Policy: ${cspViolations.join(' | ')}`);
    say('OK');
  } catch (e) {
    if (stopping) return;
    const shot = join(work, `failure-${opt.label}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    const state = await page.evaluate(readPage).catch(() => null);
    console.error(`[check ${opt.label}] FAIL: ${e instanceof CheckFailed ? e.message : e.stack}`);
    console.error(`[check ${opt.label}] page: ${JSON.stringify(state)}; screenshot ${shot}`);
    for (const line of logs.slice(-25)) console.error(`[check ${opt.label}]   ${line}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await close();
  }
}

await main().catch((e) => {
  console.error(`[check ${opt.label}] FAIL: ${e instanceof CheckFailed ? e.message : e.stack}`);
  process.exitCode = 1;
});
