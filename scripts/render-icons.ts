// Renders the PNG icons the manifest and iOS need from public/icon.svg, and the neutral set (APP_ICON=neutral,
// docs/administrator.md) from public/neutral/icon.svg, in Debian's Chromium (no network, no image library).
// Run after changing an SVG: `npx tsx scripts/render-icons.ts`; the PNGs are committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../tests/helpers/browser.ts';

/** The maskable icon keeps its drawing inside the central 80 % safe zone and fills the rest with the background. */
const maskableOf = (svg: string, background: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" fill="${background}"/><g transform="translate(76.8 76.8) scale(0.7)">${svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '')}</g></svg>`;

function iconSet(folder: string, background: string): { file: string; size: number; source: string }[] {
  const svg = readFileSync(`${folder}/icon.svg`, 'utf8');
  const maskable = maskableOf(svg, background);
  return [
    { file: `${folder}/icon-192.png`, size: 192, source: svg },
    { file: `${folder}/icon-512.png`, size: 512, source: svg },
    { file: `${folder}/icon-maskable-512.png`, size: 512, source: maskable },
    // iOS ignores the manifest's icons and draws its own rounded corners over an opaque square.
    { file: `${folder}/apple-touch-icon.png`, size: 180, source: maskable },
  ];
}

const targets = [...iconSet('public', '#15181c'), ...iconSet('public/neutral', '#3a3f45')];

const browser = await launchChromium();
try {
  for (const { file, size, source } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}">`);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    writeFileSync(file, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    await page.close();
    console.log(`${file} (${size}x${size})`);
  }
} finally {
  await browser.close();
}
