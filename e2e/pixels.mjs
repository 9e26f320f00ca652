// noVNC's canvas, and how its pixels compare with the X server's (xserver.mjs screen()).

const TOLERANCE = 16; // per channel; TigerVNC may pick lossy JPEG for busy areas

/** The canvas as RGBA (base64 across the CDP boundary), plus where it is drawn on the page. */
export async function canvasImage(page, selector) {
  const got = await page.evaluate((sel) => {
    const c = document.querySelector(sel);
    if (!c || !c.width || !c.height) return null;
    const bytes = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const r = c.getBoundingClientRect();
    return { width: c.width, height: c.height, rgba: btoa(bin), box: { x: r.x, y: r.y, w: r.width, h: r.height } };
  }, selector);
  return got && { ...got, rgba: Buffer.from(got.rgba, 'base64') };
}

/** True when a sample of every 97th pixel of an RGB image has a single colour. */
export function isBlank(rgb) {
  for (let i = 3 * 97; i < rgb.length; i += 3 * 97) {
    if (rgb[i] !== rgb[0] || rgb[i + 1] !== rgb[1] || rgb[i + 2] !== rgb[2]) return false;
  }
  return true;
}

/** Share of pixels equal within TOLERANCE, and the box around the ones that differ. */
export function compare(screen, canvas) {
  const { width, height, rgb } = screen;
  const { rgba } = canvas;
  const box = { x0: width, y0: height, x1: -1, y1: -1 };
  let same = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = (y * width + x) * 3;
      const b = (y * width + x) * 4;
      if (Math.abs(rgb[a] - rgba[b]) <= TOLERANCE && Math.abs(rgb[a + 1] - rgba[b + 1]) <= TOLERANCE
        && Math.abs(rgb[a + 2] - rgba[b + 2]) <= TOLERANCE) {
        same++;
      } else {
        box.x0 = Math.min(box.x0, x); box.y0 = Math.min(box.y0, y);
        box.x1 = Math.max(box.x1, x); box.y1 = Math.max(box.y1, y);
      }
    }
  }
  const share = same / (width * height);
  const text = `${(share * 100).toFixed(2)}% of pixels`
    + (box.x1 < 0 ? '' : ` (the others lie in ${box.x0},${box.y0}-${box.x1},${box.y1})`);
  return { share, text };
}
