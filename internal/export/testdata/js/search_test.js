// Tests of static/js/search.js, run by TestSearchJS:
//   node search_test.js <static/js dir> <dir holding search/ of the test site> <dirs of other sites' search/>...
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const load = require('./load.js');

const [jsDir, siteDir, ...otherDirs] = process.argv.slice(2);
const s = load(jsDir, 'search.js');
let failed = 0;
function test(name, fn) {
  try { fn(); console.log('ok   ' + name); } catch (e) { failed++; console.log('FAIL ' + name + '\n' + e.stack); }
}
const plain = (x) => JSON.parse(JSON.stringify(x)); // from the sandbox's realm

// The ranking, as the specification: computed from each record's words as
// the page once did, record by record. find() must give the same from the
// word files alone (see "find agrees with the ranking" below).
function text(str, stem) {
  const t = s.tokenize(str, stem);
  return t.length ? ' ' + t.join(' ') + ' ' : '';
}
function prepareRef(manifest, rows, first, base, stem) {
  const recs = s.prepare(manifest, rows, first, base);
  recs.forEach((r) => {
    const kind = manifest.kinds[rows[r.pos - first][3]] || ['', ''];
    r.texts = [text(r.title, stem), text(r.actors.join(' ') + ' ' + r.place, stem),
      text(r.tags.join(' ') + ' ' + kind[1] + ' ' + kind[0], stem), text(r.summary + ' ' + r.date, stem)];
  });
  return recs;
}
const WEIGHTS = [[12, 8], [6, 4], [4, 3], [2, 1]];
// scoreRef: 0 unless every word of the query starts a word of the record
// (a word of one character: is one); by the first field where it does,
// more for a whole word, and for the words together in the title.
function scoreRef(rec, tokens) {
  let total = 0, inTitle = 0;
  for (const t of tokens) {
    const one = Array.from(t).length === 1, w = ' ' + t + (one ? ' ' : ''), whole = ' ' + t + ' ';
    const f = rec.texts.findIndex((hay) => hay.indexOf(w) >= 0);
    if (f < 0) return 0;
    total += WEIGHTS[f][rec.texts[f].indexOf(whole) >= 0 ? 0 : 1];
    if (f === 0) inTitle++;
  }
  const last = tokens[tokens.length - 1], one = Array.from(last).length === 1;
  const phrase = ' ' + tokens.join(' ') + (one ? ' ' : '');
  if (tokens.length > 1 && rec.texts[0].indexOf(phrase) >= 0) total += 10;
  else if (inTitle === tokens.length && inTitle > 1) total += 4;
  return total;
}
function searchRef(records, q, stem) {
  const tokens = s.tokenize(q, stem), out = [];
  if (!tokens.length) return out;
  for (const rec of records) {
    const score = scoreRef(rec, tokens);
    if (score) out.push({rec: rec, pos: rec.pos, score: score});
  }
  return out.sort((a, b) => b.score - a.score || b.pos - a.pos);
}

// readIndex reads a site's search/ as the browser does: the manifest, every
// word file and every shard's records.
function readIndex(dir) {
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'search', 'manifest.json'), 'utf8'));
  const stem = s.stemmer(m.lang);
  const words = {};
  m.words.keys.forEach((k, i) => { words[k] = JSON.parse(fs.readFileSync(path.join(dir, 'search', 'words-' + i + '.json'), 'utf8')); });
  let records = [];
  for (let i = 0; i < m.shards.files; i++) {
    const rows = JSON.parse(fs.readFileSync(path.join(dir, 'search', 'index-' + i + '.json'), 'utf8'));
    assert.ok(rows.length === m.shards.entries || i === m.shards.files - 1 && rows.length <= m.shards.entries, 'shard ' + i);
    records = records.concat(prepareRef(m, rows, records.length, '/timeline/', stem));
  }
  return {m, stem, words, records, find: (q) => plain(s.find(words, s.query(q, stem)))};
}

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
const recs = prepareRef(manifest, [
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

const refs = (q) => plain(searchRef(recs, q).map((m) => m.rec.title));

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
  const r = prepareRef(manifest, [
    ['x', 'Energy talks', '1', 1, [], -1, [], ''],
    ['y', 'Talks energize', '2', 1, [], -1, [], ''],
    ['z', 'Talks on energy', '3', 1, [], -1, [], ''],
  ], 0, '/');
  // z and x have the whole word (z is newer); y's "energize" does not start with "energy".
  assert.deepStrictEqual(plain(searchRef(r, 'energy').map((m) => m.rec.url)), ['/events/z/', '/events/x/']);
  assert.deepStrictEqual(plain(searchRef(r, 'energ').map((m) => m.rec.url)), ['/events/z/', '/events/y/', '/events/x/']);
  assert.deepStrictEqual(searchRef(r, 'energy talks').map((m) => m.rec.url)[0], '/events/x/');
});

test('kind and date are searched', () => {
  assert.deepStrictEqual(refs('diplomatic'), ['Talks on energy', 'Odesa grain deal signed']);
  assert.deepStrictEqual(refs('3 may 2024'), ['Обстріл Харкова']);
});

test('the test site index, as the browser reads it', () => {
  const ix = readIndex(siteDir);
  assert.strictEqual(ix.records.length, ix.m.entries);
  const urls = (q) => ix.find(q).map((x) => ix.records[x.pos].url);
  assert.deepStrictEqual(urls('jeddah'), ['/timeline/events/jeddah-talks/']);
  assert.deepStrictEqual(urls('drones moscow'), ['/timeline/events/jeddah-talks/#moscow-drone-strike']);
  assert.deepStrictEqual(urls('moscow')[0], '/timeline/events/jeddah-talks/#moscow-drone-strike');
  assert.strictEqual(urls('moscow').length, 2);
  assert.deepStrictEqual(urls('saudi'), ['/timeline/events/jeddah-talks/']);
  assert.deepStrictEqual(urls('ceasefire').sort(), ['/timeline/events/jeddah-talks/', '/timeline/events/jeddah-talks/#moscow-drone-strike']);
  assert.deepStrictEqual(urls('jedd talks'), ['/timeline/events/jeddah-talks/']);
  assert.deepStrictEqual(urls('j'), []); // one character: a word of its own
  const talks = ix.records.find((r) => r.url === '/timeline/events/jeddah-talks/');
  assert.strictEqual(talks.kindLabel, 'Diplomatic');
  assert.strictEqual(talks.place, 'Jeddah, Saudi Arabia');
});

// queries is what a reader might type of a site's records: each word of
// some records' titles, names and summaries, its first characters, words
// side by side as in a title, words of two fields, and pairs of words of
// different records.
function queries(records) {
  const out = new Set(), step = Math.max(1, Math.floor(records.length / 60));
  const words = (str) => str.split(/\s+/).filter(Boolean);
  for (let i = 0; i < records.length; i += step) {
    const r = records[i], title = words(r.title), rest = words(r.actors.join(' ') + ' ' + r.place + ' ' + r.summary + ' ' + r.date);
    for (const w of title.concat(rest.slice(0, 6))) {
      out.add(w);
      for (const n of [1, 2, 3]) out.add(Array.from(w).slice(0, n).join(''));
    }
    for (let j = 0; j + 1 < title.length; j++) out.add(title[j] + ' ' + title[j + 1]);
    if (title.length > 2) out.add(title[0] + ' ' + title[1] + ' ' + Array.from(title[2]).slice(0, 2).join(''));
    if (rest.length) out.add(title[0] + ' ' + rest[rest.length - 1]);
    const o = records[(i * 7 + 3) % records.length];
    out.add(title[title.length - 1] + ' ' + words(o.title)[0]);
  }
  return Array.from(out);
}

test('find agrees with the ranking, word file by word file', () => {
  for (const dir of [siteDir].concat(otherDirs)) {
    const ix = readIndex(dir);
    let found = 0;
    const qs = queries(ix.records);
    for (const q of qs) {
      const want = plain(searchRef(ix.records, q, ix.stem).map((m) => ({pos: m.pos, score: m.score})));
      assert.deepStrictEqual(ix.find(q), want, dir + ': ' + q);
      found += want.length;
    }
    assert.ok(found > qs.length, dir + ': the queries find too little to test: ' + found);
    console.log('     ' + path.basename(dir) + ': ' + qs.length + ' queries, ' + found + ' matches, ' + ix.m.lang);
  }
});

// Word forms: the stemmers of stem.js, on the index and on the query.
const ukManifest = {kinds: [['diplomatic', 'Дипломатія']], actors: ['Україна', 'Росія'], places: ['Київ, Україна'], tags: ['перемирʼя']};
const uk = prepareRef(ukManifest, [
  ['kyiv', 'Удар по Києву', '11 березня 2025', 0, [0], 0, [], 'Вибухи в столиці.'],
  ['talks', 'Переговори в Джидді', '11 березня 2025', 0, [0, 1], -1, [0], 'Делегації погоджуються на перемир’я.'],
  ['russia', 'Росія відповідає', '12 березня 2025', 0, [1], -1, [], 'Кремль готовий говорити.'],
], 0, '/uk/', s.stemmer('uk'));
const ukFound = (q) => plain(searchRef(uk, q, s.stemmer('uk')).map((m) => m.rec.url)).sort();

test('Ukrainian word forms', () => {
  assert.deepStrictEqual(ukFound('Києві'), ['/uk/events/kyiv/']);
  assert.deepStrictEqual(ukFound('Київ'), ['/uk/events/kyiv/']);
  assert.deepStrictEqual(ukFound('переговорів'), ['/uk/events/talks/']);
  assert.deepStrictEqual(ukFound('Росії'), ['/uk/events/russia/', '/uk/events/talks/']);
  assert.deepStrictEqual(ukFound('ДЖИДДА'), ['/uk/events/talks/']);
});

test('apostrophes ʼ \' ’ are one', () => {
  for (const q of ["перемир'я", 'перемир’я', 'перемирʼя', 'перемиря']) {
    assert.deepStrictEqual(ukFound(q), ['/uk/events/talks/'], q);
  }
});

const ru = prepareRef({kinds: [['diplomatic', 'Дипломатия']], actors: ['Россия'], places: [], tags: []}, [
  ['talks', 'Россия готова к переговорам', '12 марта 2025', 0, [0], -1, [], 'Москва обсудит инициативы.'],
], 0, '/ru/', s.stemmer('ru'));
const ruFound = (q) => plain(searchRef(ru, q, s.stemmer('ru')).map((m) => m.rec.url));

test('Russian word forms (Snowball)', () => {
  assert.deepStrictEqual(ruFound('России'), ['/ru/events/talks/']);
  assert.deepStrictEqual(ruFound('переговоров'), ['/ru/events/talks/']);
  assert.deepStrictEqual(ruFound('инициативах'), ['/ru/events/talks/']);
  assert.deepStrictEqual(ruFound('Ёлка'), []);
});

test('without a stemmer, forms are words of their own', () => {
  assert.deepStrictEqual(plain(searchRef(uk, 'Києві').map((m) => m.rec.url)), []);
});

test('counted in the language', () => {
  const ukS = {categories: ['one', 'few', 'many'], results: '%d результат|%d результати|%d результатів', none: 'Нічого'};
  assert.strictEqual(s.counted(ukS, 'uk', 1), '1 результат');
  assert.strictEqual(s.counted(ukS, 'uk', 3), '3 результати');
  assert.strictEqual(s.counted(ukS, 'uk', 5), '5 результатів');
  assert.strictEqual(s.counted(ukS, 'uk', 0), 'Нічого');
});

if (failed) { console.log(failed + ' failed'); process.exit(1); }
