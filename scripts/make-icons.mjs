// Draws the app's icons into assets/icons/ with the system Chromium: the
// brand mark of the sidebar (a white 专 on the app's red), at every size the
// window, the tray, the NSIS installer and the deb package ask for. Run by
// hand when the mark changes (`node scripts/make-icons.mjs`); the files are
// committed, so builds need neither a browser nor a network.
// Needs the font the app's screens use: fonts-wqy-microhei.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const out = resolve(import.meta.dirname, '../assets/icons');
const RED = '#b5222d';
const DUE = '#f59e0b';

/** In the page: one icon of `size` pixels; `due` adds the amber dot the tray shows when a check-in is due. */
function draw({ size, due, red, amber }) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const g = canvas.getContext('2d');
  const inset = size <= 32 ? 0 : Math.round(size * 0.06);
  const side = size - 2 * inset;
  g.fillStyle = red;
  g.beginPath();
  g.roundRect(inset, inset, side, side, Math.round(side * 0.2));
  g.fill();
  g.fillStyle = '#fff';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.font = `bold ${Math.round(side * 0.74)}px "WenQuanYi Micro Hei"`;
  g.fillText('专', size / 2, size / 2 + side * 0.02);
  if (due) {
    const r = Math.max(3, size * 0.22);
    g.fillStyle = amber;
    g.strokeStyle = '#fff';
    g.lineWidth = Math.max(1, size / 16);
    g.beginPath();
    g.arc(size - r, r, r - g.lineWidth / 2, 0, Math.PI * 2);
    g.fill();
    g.stroke();
  }
  const rgba = g.getImageData(0, 0, size, size).data;
  return { png: canvas.toDataURL('image/png').split(',')[1], rgba: Array.from(rgba) };
}

/** An .ico: 32-bit DIB entries for the small sizes (what every Windows tool reads), PNG for 256. */
function ico(images) {
  const entries = images.map(({ size, png, rgba }) => {
    if (size >= 256) return { size, data: png };
    const header = Buffer.alloc(40);
    header.writeUInt32LE(40, 0);
    header.writeInt32LE(size, 4);
    header.writeInt32LE(size * 2, 8); // colour and mask heights together
    header.writeUInt16LE(1, 12);
    header.writeUInt16LE(32, 14);
    const pixels = Buffer.alloc(size * size * 4);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const from = (y * size + x) * 4;
        const to = ((size - 1 - y) * size + x) * 4; // bottom-up rows, BGRA
        pixels[to] = rgba[from + 2];
        pixels[to + 1] = rgba[from + 1];
        pixels[to + 2] = rgba[from];
        pixels[to + 3] = rgba[from + 3];
      }
    }
    const maskRow = Math.ceil(size / 32) * 4;
    return { size, data: Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]) };
  });
  const head = Buffer.alloc(6 + 16 * entries.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(entries.length, 4);
  let offset = head.length;
  entries.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    head[at] = size >= 256 ? 0 : size;
    head[at + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, at + 4);
    head.writeUInt16LE(32, at + 6);
    head.writeUInt32LE(data.length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...entries.map((e) => e.data)]);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage();
await page.setContent('<p style="font-family: \'WenQuanYi Micro Hei\'">专</p>');
await page.evaluate(() => document.fonts.ready);
const render = async (size, due = false) => {
  const { png, rgba } = await page.evaluate(draw, { size, due, red: RED, amber: DUE });
  return { size, png: Buffer.from(png, 'base64'), rgba: Uint8Array.from(rgba) };
};

mkdirSync(join(out, 'linux'), { recursive: true });
// The deb's icon set: electron-builder reads the size from each file name.
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(join(out, 'linux', `${size}x${size}.png`), (await render(size)).png);
writeFileSync(join(out, 'app.png'), (await render(512)).png);
writeFileSync(join(out, 'app.ico'), ico(await Promise.all([16, 24, 32, 48, 64, 128, 256].map((s) => render(s)))));
// The tray: 16 px and its @2x for high-DPI screens, each with a variant for a check-in due now.
for (const [name, due] of [['tray', false], ['tray-due', true]]) {
  writeFileSync(join(out, `${name}.png`), (await render(16, due)).png);
  writeFileSync(join(out, `${name}@2x.png`), (await render(32, due)).png);
}
await browser.close();
console.log(`icons written to ${out}`);
