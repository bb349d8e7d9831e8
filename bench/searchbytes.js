// What a first search fetches: the bytes of the manifest, the word files
// of the query's words and the shards of the first 50 results, as
// static/js/search.js asks for them (internal/export's
// TestSearchPageLoadsWhatItShows checks in Chromium that the page fetches
// exactly these), plain and gzipped, beside the whole index.
//
//   node bench/searchbytes.js <site's public folder> <query>...
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const stemmers = require('../static/js/stem.js');
const s = require('../static/js/search.js');
const [dir, ...queries] = process.argv.slice(2);
const read = (name) => fs.readFileSync(path.join(dir, 'search', name));
const size = (b) => [b.length, zlib.gzipSync(b).length];
const manifestBytes = read('manifest.json');
const m = JSON.parse(manifestBytes);
const stem = stemmers.stem(m.lang);

let all = 0;
for (const f of fs.readdirSync(path.join(dir, 'search'))) all += read(f).length;
console.log('index: ' + m.entries + ' entries, ' + m.shards.files + ' shards, ' + m.words.keys.length + ' word files, ' + all + ' bytes in all');
for (const q of queries) {
  const query = s.query(q, stem), words = {}, files = new Set(['manifest.json']);
  for (const w of query.tokens) {
    const n = m.words.keys.indexOf(s.key(w));
    if (n < 0) continue;
    files.add('words-' + n + '.json');
    words[s.key(w)] = JSON.parse(read('words-' + n + '.json'));
  }
  const found = s.find(words, query);
  for (const r of found.slice(0, 50)) files.add('index-' + Math.floor(r.pos / m.shards.entries) + '.json');
  let plain = 0, gz = 0;
  for (const f of files) { const [p, g] = size(read(f)); plain += p; gz += g; }
  console.log(JSON.stringify(q) + ': ' + found.length + ' results; ' + files.size + ' files, ' + plain + ' bytes, ' + gz + ' gzipped');
}
