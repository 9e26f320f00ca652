// What the X server under test shows and receives, read with the X11 tools (xwd, xdotool, xev),
// to hold against what the browser showed and sent.
import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class XServer {
  #env;
  #children = new Set();

  constructor(display) {
    this.#env = { ...process.env, DISPLAY: display };
  }

  async #tool(cmd, args, opts = {}) {
    const { stdout } = await run(cmd, args, { env: this.#env, maxBuffer: 64 << 20, timeout: 10_000, ...opts });
    return stdout;
  }

  /** The root window as RGB bytes, from `xwd -root` (format: X11/XWDFile.h, header big-endian). */
  async screen() {
    const buf = await this.#tool('xwd', ['-root', '-silent'], { encoding: 'buffer' });
    const h = (i) => buf.readUInt32BE(i * 4);
    const [headerSize, format, depth, width, height] = [h(0), h(2), h(3), h(4), h(5)];
    const [byteOrder, bpp, bytesPerLine] = [h(7), h(11), h(12)];
    const [redMask, greenMask, blueMask, ncolors] = [h(14), h(15), h(16), h(19)];
    if (format !== 2 || bpp !== 32 || depth < 24) {
      throw new Error(`xwd gave format ${format}, ${bpp} bpp, depth ${depth}; expected ZPixmap, 32 bpp, depth 24`);
    }
    const data = headerSize + ncolors * 12; // XWDColor entries are 12 bytes
    const shift = (mask) => 31 - Math.clz32(mask & -mask);
    const [rs, gs, bs] = [shift(redMask), shift(greenMask), shift(blueMask)];
    const rgb = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = data + y * bytesPerLine + x * 4;
        const p = byteOrder === 0 ? buf.readUInt32LE(at) : buf.readUInt32BE(at);
        const o = (y * width + x) * 3;
        rgb[o] = (p & redMask) >>> rs;
        rgb[o + 1] = (p & greenMask) >>> gs;
        rgb[o + 2] = (p & blueMask) >>> bs;
      }
    }
    return { width, height, rgb };
  }

  async pointer() {
    const out = await this.#tool('xdotool', ['getmouselocation', '--shell']);
    return { x: Number(/X=(\d+)/.exec(out)[1]), y: Number(/Y=(\d+)/.exec(out)[1]) };
  }

  async movePointer(x, y) {
    await this.#tool('xdotool', ['mousemove', String(x), String(y)]);
  }

  /** Presses and releases `button` where the pointer is, through XTEST (not through VNC). */
  async click(button) {
    await this.#tool('xdotool', ['click', String(button)]);
  }

  /** Geometry of the visible window whose name matches the regular expression. */
  async window(name) {
    const out = await this.#tool('xdotool', ['search', '--onlyvisible', '--name', name, 'getwindowgeometry', '--shell']);
    const num = (key) => Number(new RegExp(`${key}=(-?\\d+)`).exec(out)[1]);
    return { x: num('X'), y: num('Y'), width: num('WIDTH'), height: num('HEIGHT') };
  }

  /**
   * Starts xev on the root window. Without a window manager nobody else selects ButtonPress
   * there, so every press on a bare root spot is seen. presses() lists them, oldest first.
   */
  watchButtons() {
    const xev = spawn('xev', ['-root', '-event', 'button'], { env: this.#env, stdio: ['ignore', 'pipe', 'inherit'] });
    this.#children.add(xev);
    let text = '';
    xev.stdout.setEncoding('utf8').on('data', (d) => { text += d; });
    return {
      presses: () => [...text.matchAll(/ButtonPress event[^]*?root:\((\d+),(\d+)\)[^]*?button (\d+),/g)]
        .map((m) => ({ x: Number(m[1]), y: Number(m[2]), button: Number(m[3]) })),
      stop: () => { xev.kill(); this.#children.delete(xev); },
    };
  }

  /** Ends the tools still running (xev). */
  close() {
    for (const child of this.#children) child.kill();
    this.#children.clear();
  }
}
