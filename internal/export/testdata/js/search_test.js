// Tests of static/js/search.js, run by TestSearchJS:
//   node search_test.js <static/js dir> <dir holding search/ of the test site>
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const load = require('./load.js');

const [jsDir, siteDir] = process.argv.slice(2);
const s = load(jsDir, 'search.js');
let failed = 0;
function test(name, fn) {
  try { fn(); console.log('ok   ' + name); } catch (e) { failed++; console.log('FAIL ' + name + '\n' + e.stack); }
}
const plain = (x) => JSON.parse(JSON.stringify(x)); // from the sandbox's realm

test('fold', () => {
  assert.strictEqual(s.fold('Zürich'), 'zurich');
  assert.strictEqual(s.fold('São Tomé'), 'sao tome');
  assert.strictEqual(s.fold('Ёлка'), 'елка');
  assert.strictEqual(s.fold('Київ'), s.fold('КИЇВ'));
  assert.strictEqual(s.fold('Київ'), 'киів');
  assert.strictEqual(s.fold('Ｆｕｌｌ'), 'full'); // NFKD folds width
  assert.strictEqual(s.fold("Kyiv's"), 'kyivs');
});

test('tokenize', () => {
  assert.deepStrictEqual(plain(s.tokenize("Kyiv's forces, КИЇВ! 2025-03 forces")), ['kyivs', 'forces', 'киів', '2025', '03']);
  assert.deepStrictEqual(plain(s.tokenize('  ... ')), []);
  assert.deepStrictEqual(plain(s.tokenize('Überfall auf Dörfer')), ['uberfall', 'auf', 'dorfer']);
});

test('entryURL', () => {
  assert.strictEqual(s.entryURL('/timeline/', 'a'), '/timeline/events/a/');
  assert.strictEqual(s.entryURL('/timeline/', 'a#b'), '/timeline/events/a/#b');
  assert.strictEqual(s.entryURL('/', 'other/page/'), '/other/page/');
  assert.strictEqual(s.entryURL('/t/', './x.html'), '/t/./x.html');
  assert.strictEqual(s.entryURL('/t/', 'https://e.org/a/'), 'https://e.org/a/');
  assert.strictEqual(s.entryURL('/t/', '/abs/'), '/abs/');
});

const manifest = {
  kinds: [['military', 'Military'], ['diplomatic', 'Diplomatic']],
  actors: ['Russia', 'Ukraine'], places: ['Харків, Україна', 'Odesa, Ukraine'], tags: ['energy', 'grain'],
  statuses: ['reported', 'confirmed', 'disputed'],
};
const recs = s.prepare(manifest, [
  ['a', 'Strike on the port', '1 May 2024', 0, [0], 1, [1], 'Grain terminals hit in Odesa.', 1, 2],
  ['b', 'Odesa grain deal signed', '2 May 2024', 1, [0, 1], -1, [], 'A port deal.'],
  ['c', 'Обстріл Харкова', '3 May 2024', 0, [0], 0, [0], 'Удар по енергетиці.'],
  ['d', 'Talks on energy', '4 May 2024', 1, [], -1, [0], 'Officials from Russia meet.'],
], 10, '/t/');

test('prepare', () => {
  assert.strictEqual(recs[0].url, '/t/events/a/');
  assert.strictEqual(recs[0].pos, 10);
  assert.strictEqual(recs[3].pos, 13);
  assert.strictEqual(recs[1].place, '');
  assert.deepStrictEqual(plain(recs[1].actors), ['Russia', 'Ukraine']);
  assert.strictEqual(recs[2].kindLabel, 'Military');
  // The verification summary: status and independent publishers.
  assert.strictEqual(recs[0].status, 'confirmed');
  assert.strictEqual(recs[0].publishers, 2);
  assert.strictEqual(recs[1].status, '');
});

const refs = (q) => plain(s.search(recs, q).map((m) => m.rec.title));

test('title before places, tags and summary', () => {
  // "odesa": b's title; a's place.
  assert.deepStrictEqual(refs('odesa'), ['Odesa grain deal signed', 'Strike on the port']);
  // "grain": b's title, a's tag (and summary).
  assert.deepStrictEqual(refs('grain'), ['Odesa grain deal signed', 'Strike on the port']);
  // "russia": actors of a, b, c (newest first), then d's summary.
  assert.deepStrictEqual(refs('russia'), ['Обстріл Харкова', 'Odesa grain deal signed', 'Strike on the port', 'Talks on energy']);
});

test('every word must match; words match at their start', () => {
  assert.deepStrictEqual(refs('port deal'), ['Odesa grain deal signed']);
  assert.deepStrictEqual(refs('por'), ['Strike on the port', 'Odesa grain deal signed']);
  assert.deepStrictEqual(refs('ort'), []);
  assert.deepStrictEqual(refs('odesa zzz'), []);
  assert.deepStrictEqual(refs(''), []);
});

test('Cyrillic and diacritics', () => {
  assert.deepStrictEqual(refs('харків'), ['Обстріл Харкова']); // place
  assert.deepStrictEqual(refs('ХАРКОВ'), ['Обстріл Харкова']); // title, word start
  assert.deepStrictEqual(refs('ОБСТРІЛ'), ['Обстріл Харкова']);
  assert.deepStrictEqual(refs('україна'), ['Обстріл Харкова']); // ї folds to і on both sides
  assert.deepStrictEqual(refs('енергетиці'), ['Обстріл Харкова']);
  assert.deepStrictEqual(refs('ÓDESA'), ['Odesa grain deal signed', 'Strike on the port']);
});

test('whole words and phrases rank higher', () => {
  const r = s.prepare(manifest, [
    ['x', 'Energy talks', '1', 1, [], -1, [], ''],
    ['y', 'Talks energize', '2', 1, [], -1, [], ''],
    ['z', 'Talks on energy', '3', 1, [], -1, [], ''],
  ], 0, '/');
  // z and x have the whole word (z is newer); y's "energize" does not start with "energy".
  assert.deepStrictEqual(plain(s.search(r, 'energy').map((m) => m.rec.url)), ['/events/z/', '/events/x/']);
  assert.deepStrictEqual(plain(s.search(r, 'energ').map((m) => m.rec.url)), ['/events/z/', '/events/y/', '/events/x/']);
  assert.deepStrictEqual(s.search(r, 'energy talks').map((m) => m.rec.url)[0], '/events/x/');
});

test('kind and date are searched', () => {
  assert.deepStrictEqual(refs('diplomatic'), ['Talks on energy', 'Odesa grain deal signed']);
  assert.deepStrictEqual(refs('3 may 2024'), ['Обстріл Харкова']);
});

test('the test site index, as the browser reads it', () => {
  const dir = path.join(siteDir, 'search');
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  let all = [], first = 0;
  for (const sh of m.shards) {
    const rows = JSON.parse(fs.readFileSync(path.join(dir, sh[0]), 'utf8'));
    all = all.concat(s.prepare(m, rows, first, '/timeline/'));
    first += sh[1];
  }
  assert.strictEqual(all.length, m.entries);
  const urls = (q) => plain(s.search(all, q).map((x) => x.rec.url));
  assert.deepStrictEqual(urls('jeddah'), ['/timeline/events/jeddah-talks/']);
  assert.deepStrictEqual(urls('drones moscow'), ['/timeline/events/jeddah-talks/#moscow-drone-strike']);
  assert.deepStrictEqual(urls('moscow')[0], '/timeline/events/jeddah-talks/#moscow-drone-strike');
  assert.strictEqual(urls('moscow').length, 2);
  assert.deepStrictEqual(urls('saudi'), ['/timeline/events/jeddah-talks/']);
  assert.deepStrictEqual(urls('ceasefire').sort(), ['/timeline/events/jeddah-talks/', '/timeline/events/jeddah-talks/#moscow-drone-strike']);
  const talks = all.find((r) => r.url === '/timeline/events/jeddah-talks/');
  assert.strictEqual(talks.kindLabel, 'Diplomatic');
  assert.strictEqual(talks.place, 'Jeddah, Saudi Arabia');
});

if (failed) { console.log(failed + ' failed'); process.exit(1); }
