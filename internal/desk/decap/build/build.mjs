// Builds the desk's Decap CMS (src/) into ../dist: esbuild, from the
// packages package-lock.json pins. Run by ../refresh.sh (make decap).
//
//   decap-cms.js       serve's desk (the local backend protocol)
//   decap-cms-git.js   the desk of a published site (GitHub, GitLab, Gitea)
//   chunk-*.js         what they share, and the widgets, loaded on demand
//   LICENSES.txt       the licence of every package bundled
//   meta.json          esbuild's account of what went where (sizes), not
//                      kept by refresh.sh
import { build } from 'esbuild';
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) throw new Error('usage: node build.mjs <outdir>');

// The CMS turns an image into WebP only when the configuration asks for
// it (media_processing), which the desk's never does: leave the encoder
// and its WebAssembly out.
const noWebP = {
  name: 'no-webp',
  setup(b) {
    b.onResolve({ filter: /^@jsquash\/webp$/ }, () => ({ path: 'webp', namespace: 'no-webp' }));
    b.onLoad({ filter: /.*/, namespace: 'no-webp' }, () => ({
      contents: 'export function encode() { throw new Error("not in the desk\'s build of the CMS: media_processing"); }',
    }));
  },
};

// The CMS checks its configuration against its schema before it shows
// anything: Ajv compiling that schema took a third of serve's desk's
// first opening. serve's desk makes its configuration itself and sets
// DECAP_CONFIG_CHECK (internal/desk/page/desk.js) to run the check once
// the first screen is shown, and to show what it finds; elsewhere (the
// published desk's config.yml) the check runs first, as Decap's does.
const laterConfigCheck = {
  name: 'later-config-check',
  setup(b) {
    b.onLoad({ filter: /decap-cms-core\/dist\/esm\/actions\/config\.js$/ }, args => {
      const src = readFileSync(args.path, 'utf8');
      const call = 'validateConfig(mergedConfig);';
      if (src.split(call).length !== 2) throw new Error(`${args.path}: no single ${call} to defer`);
      return {
        contents: src.replace(call, '(globalThis.DECAP_CONFIG_CHECK || (check => check()))(() => validateConfig(mergedConfig));'),
        loader: 'jsx',
      };
    });
  },
};

const result = await build({
  entryPoints: { 'decap-cms': 'src/desk.js', 'decap-cms-git': 'src/published.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'chrome111',
  outdir: out,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  loader: { '.js': 'jsx' },
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [noWebP, laterConfigCheck],
});
writeFileSync(join(out, 'meta.json'), JSON.stringify(result.metafile));

// The licences: one entry a package, as its package.json and LICENSE say.
const pkgs = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/^(.*node_modules\/(@[^/]+\/)?[^/]+)\//);
  if (m) pkgs.set(m[1], true);
}
let text = `The desk's build of Decap CMS bundles these packages, each under its licence:
the text its package holds, or else the licence it declares (in brackets);
for the decap-cms-* packages that is Decap CMS's MIT licence:

${readFileSync('../LICENSE', 'utf8').trim()}
`;
for (const dir of [...pkgs.keys()].sort()) {
  const p = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const kind = p.license || (p.licenses || []).map(l => l.type).join(' OR ');
  text += `\n==== ${p.name} ${p.version} (${kind || 'as its README says'})\n`;
  const files = readdirSync(dir);
  const lic = files.find(f => /^(licen[sc]e|copying)/i.test(f));
  const readme = files.find(f => /^readme/i.test(f));
  if (lic) {
    text += '\n' + readFileSync(join(dir, lic), 'utf8').trim() + '\n';
  } else if (readme) {
    // No licence file: the licence section of its README.
    const lines = readFileSync(join(dir, readme), 'utf8').split('\n');
    const heading = (l, next) => /^#+ /.test(l) || /^[=-]{3,}\s*$/.test(next || '');
    const at = lines.findIndex((l, i) => heading(l, lines[i + 1]) && /licen[sc]e/i.test(l));
    let section = '';
    if (at >= 0) {
      const from = /^#/.test(lines[at]) ? at + 1 : at + 2;
      let to = from;
      while (to < lines.length && !heading(lines[to], lines[to + 1])) to++;
      section = lines.slice(from, to).join('\n').trim();
    }
    if (section) text += '\n' + section + '\n';
    else if (!kind) throw new Error(`${p.name}: no licence found`);
  } else if (!kind) {
    throw new Error(`${p.name}: no licence found`);
  }
}
writeFileSync(join(out, 'LICENSES.txt'), text);
