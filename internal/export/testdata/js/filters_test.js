// Tests of static/js/filters.js, run by TestSearchJS:
//   node filters_test.js <static/js dir>
'use strict';
const assert = require('assert');
const load = require('./load.js');

const f = load(process.argv[2], 'filters.js');
let failed = 0;
function test(name, fn) {
  try { fn(); console.log('ok   ' + name); } catch (e) { failed++; console.log('FAIL ' + name + '\n' + e.stack); }
}
const plain = (x) => JSON.parse(JSON.stringify(x));

test('slugOf', () => {
  assert.strictEqual(f.slugOf('/timeline/actors/russia/'), 'russia');
  assert.strictEqual(f.slugOf('/actors/saudi-arabia/#x'), 'saudi-arabia');
  assert.strictEqual(f.slugOf('/actors/%D0%BA%D0%B8%D1%97%D0%B2/'), 'київ');
});

const ru = {id: 'russia', name: 'Russia', url: '/actors/russia/'};
const ua = {id: 'ukraine', name: 'Ukraine', url: '/actors/ukraine/'};
const us = {id: 'united-states', name: 'United States', url: '/actors/united-states/'};
const cards = [
  {kind: 'military', kindLabel: 'Military', kindURL: '/kinds/military/', actors: [ua, ru]},
  {kind: 'diplomatic', kindLabel: 'Diplomatic', kindURL: '/kinds/diplomatic/', actors: [us, ua]},
  {kind: 'military', kindLabel: 'Military', kindURL: '/kinds/military/', actors: []},
];

test('choices', () => {
  const c = plain(f.choices(cards));
  assert.deepStrictEqual(c.kinds.map((k) => [k.id, k.name, k.url, k.count]),
    [['military', 'Military', '/kinds/military/', 2], ['diplomatic', 'Diplomatic', '/kinds/diplomatic/', 1]]);
  assert.deepStrictEqual(c.actors.map((a) => [a.id, a.count]), [['russia', 1], ['ukraine', 2], ['united-states', 1]]);
});

test('shows', () => {
  const kept = (k, a) => cards.map((c) => f.shows(c, k, a));
  assert.deepStrictEqual(kept('', ''), [true, true, true]);
  assert.deepStrictEqual(kept('military', ''), [true, false, true]);
  assert.deepStrictEqual(kept('', 'ukraine'), [true, true, false]);
  assert.deepStrictEqual(kept('military', 'ukraine'), [true, false, false]);
  assert.deepStrictEqual(kept('economic', ''), [false, false, false]);
});

test('status', () => {
  const cs = [
    {kind: 'military', actors: [], status: 'reported', statusURL: '/status/reported/'},
    {kind: 'military', actors: [], status: 'confirmed', statusURL: '/status/confirmed/'},
    {kind: 'military', actors: [], status: 'disputed', statusURL: '/status/disputed/'},
    {kind: 'military', actors: [], status: 'confirmed', statusURL: '/status/confirmed/'},
  ];
  const c = plain(f.choices(cs));
  assert.deepStrictEqual(c.statuses.map((s) => [s.id, s.name, s.url, s.count]),
    [['confirmed', 'Confirmed', '/status/confirmed/', 2], ['reported', 'Reported', '/status/reported/', 1], ['disputed', 'Disputed', '/status/disputed/', 1]]);
  assert.deepStrictEqual(cs.map((x) => f.shows(x, '', '', 'confirmed')), [false, true, false, true]);
  assert.deepStrictEqual(cs.map((x) => f.shows(x, 'military', '', '')), [true, true, true, true]);
});

test('words in the page language, with its plural rules', () => {
  const uk = new f.Words({kind: 'Тип', none: 'Жодного з %s записів на цій сторінці.', statuses: {confirmed: 'підтверджено'},
    shown: {one: '%d запис із %s.', few: '%d записи із %s.', many: '%d записів із %s.'}}, 'uk');
  assert.strictEqual(uk.say('kind'), 'Тип');
  assert.strictEqual(uk.shown(1, 12), '1 запис із 12.');
  assert.strictEqual(uk.shown(3, 12), '3 записи із 12.');
  assert.strictEqual(uk.shown(11, 12), '11 записів із 12.');
  assert.strictEqual(uk.shown(0, 12), 'Жодного з 12 записів на цій сторінці.');
  assert.strictEqual(uk.statusName('confirmed'), 'Підтверджено');
  assert.strictEqual(plain(f.choices([{kind: 'k', actors: [], status: 'confirmed'}], uk)).statuses[0].name, 'Підтверджено');
  const en = new f.Words(null, 'en');
  assert.strictEqual(en.shown(1, 2), '1 entry of 2 on this page.');
  assert.strictEqual(en.shown(2, 2), '2 entries of 2 on this page.');
  assert.strictEqual(en.say('all_actor', 'Russia'), 'All entries with Russia');
});

if (failed) { console.log(failed + ' failed'); process.exit(1); }
