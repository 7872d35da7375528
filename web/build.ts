import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as esbuild from 'esbuild';

/*
 * The console is bundled in memory when the API starts (about a second with mermaid included), so
 * `npm start` needs no extra build step and can never serve a stale bundle. File names carry a
 * content hash, which lets the browser cache assets for good while index.html is never cached.
 */

export interface ConsoleAsset {
  contents: Uint8Array;
  contentType: string;
}

export interface ConsoleBuild {
  /** relative path under /assets/ → file */
  assets: Map<string, ConsoleAsset>;
  indexHtml: string;
  /** wall time of the build */
  ms: number;
}

const WEB_DIR = __dirname;
const ROOT = path.resolve(WEB_DIR, '..');
const OUT_DIR = path.join(ROOT, 'dist', 'console');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// A seal-red square with 挂 as favicon, inline so the page makes no extra request for it.
const FAVICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%239b2c2c'/%3E%3Ctext x='16' y='23' font-size='20' text-anchor='middle' fill='white' font-family='sans-serif'%3E%E6%8C%82%3C/text%3E%3C/svg%3E";

function page(script: string, style: string | undefined): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>挂职锻炼管理 / Secondment console</title>
  <link rel="icon" href="${FAVICON}">
  ${style ? `<link rel="stylesheet" href="/assets/${style}">` : ''}
</head>
<body>
  <div id="app"><p class="boot">正在加载… / Loading…</p></div>
  <noscript>本系统需要启用 JavaScript / This console needs JavaScript.</noscript>
  <script type="module" src="/assets/${script}"></script>
</body>
</html>
`;
}

/** Bundles web/src (Preact app, styles, mermaid as a lazily loaded chunk) into memory. */
export async function buildConsole(opts: { minify?: boolean } = {}): Promise<ConsoleBuild> {
  const started = performance.now();
  const result = await esbuild.build({
    entryPoints: [path.join(WEB_DIR, 'src', 'main.tsx')],
    absWorkingDir: ROOT,
    bundle: true,
    minify: opts.minify ?? true,
    splitting: true,
    format: 'esm',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir: OUT_DIR,
    write: false,
    metafile: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.mmd': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, ConsoleAsset>();
  for (const file of result.outputFiles) {
    const rel = path.relative(OUT_DIR, file.path).split(path.sep).join('/');
    assets.set(rel, {
      contents: file.contents,
      contentType: CONTENT_TYPES[path.extname(rel)] ?? 'application/octet-stream',
    });
  }
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith('main.tsx'));
  if (!entry) throw new Error('console build: entry point missing from the output');
  const [entryFile, entryMeta] = entry;
  const rel = (p: string) => path.relative(OUT_DIR, path.resolve(ROOT, p)).split(path.sep).join('/');
  return {
    assets,
    indexHtml: page(rel(entryFile), entryMeta.cssBundle ? rel(entryMeta.cssBundle) : undefined),
    ms: Math.round(performance.now() - started),
  };
}

/** Writes a build to dist/console/ (for inspection or a static host): `npx tsx web/build.ts`. */
export async function writeConsole(build: ConsoleBuild, dir = OUT_DIR): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), build.indexHtml);
  for (const [name, asset] of build.assets) await writeFile(path.join(dir, 'assets', name), asset.contents);
}

if (require.main === module) {
  buildConsole()
    .then(async (b) => {
      await writeConsole(b);
      console.log(
        `console: ${b.assets.size} files in ${b.ms} ms → ${path.relative(process.cwd(), OUT_DIR)}/`,
      );
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
