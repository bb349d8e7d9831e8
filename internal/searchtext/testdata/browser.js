// The browser's side of the differential tests: static/js/search.js and
// stem.js themselves, run by Node.js.
//
//   node browser.js STATIC_JS            reads JSON lines {"s": text, "check": [code points]}
//                                        and writes one JSON line for each:
//                                        {"en": [...], "ru": [...], "uk": [...], "newer": [...]},
//                                        the tokens of text in each language and those of
//                                        check that this Node's Unicode assigns.
//   node browser.js STATIC_JS codepoints writes "cp<TAB>assigned<TAB>record" for each code
//                                        point whose record (see record) is not the default.
'use strict';
var path = require('path');
var search = require(path.resolve(process.argv[2], 'search.js'));

function record(c) {
  return JSON.stringify([
    /[\p{L}\p{N}\p{M}]/u.test(c), c.toLowerCase(), c.normalize('NFKD'), c.normalize('NFC'),
    ('AΣ' + c).toLowerCase(), ('AΣ' + c + 'A').toLowerCase(), (c + 'Σ').toLowerCase(), ('A' + c + 'Σ').toLowerCase()
  ]);
}

if (process.argv[3] === 'codepoints') {
  var out = [];
  for (var cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    var c = String.fromCodePoint(cp);
    var r = record(c);
    var def = JSON.stringify([false, c, c, c, 'aς' + c, 'aς' + c + 'a', c + 'σ', 'a' + c + 'σ']);
    if (r !== def) out.push(cp + '\t' + (/\P{Cn}/u.test(c) ? 1 : 0) + '\t' + r);
    if (out.length >= 4096) { process.stdout.write(out.join('\n') + '\n'); out = []; }
  }
  if (out.length) process.stdout.write(out.join('\n') + '\n');
} else {
  var stems = {en: search.stemmer('en'), ru: search.stemmer('ru'), uk: search.stemmer('uk')};
  var lines = require('readline').createInterface({input: process.stdin});
  lines.on('line', function (line) {
    var q = JSON.parse(line);
    var res = {};
    for (var lang in stems) res[lang] = search.tokenize(q.s, stems[lang]);
    res.newer = (q.check || []).filter(function (cp) { return /\P{Cn}/u.test(String.fromCodePoint(cp)); });
    process.stdout.write(JSON.stringify(res) + '\n');
  });
}
