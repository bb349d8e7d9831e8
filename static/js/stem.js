/* timelinegen stemmers: word forms to one stem, so that search finds
   "Києві" in an entry about Київ. Used by search.js on the index's words
   and on what is typed, so both sides always agree.

   stem(lang) is the stemmer of a language, or null: Russian is the
   Snowball algorithm (snowballstem.org, "Russian stemming algorithm"),
   checked word for word against the Go Snowball module in the tests;
   Ukrainian, which Snowball lacks, strips the inflectional endings of
   nouns, adjectives and verbs and folds the vowel alternation of closed
   syllables (Київ/Києва, Львів/Львова, ніч/ночі) into one form.
   Words are lowercase, apostrophes taken out. */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  if (root) root.timelinegenStem = api;
}(this, function () {
  'use strict';

  // suffix is the longest of list that w ends with at or after from; with
  // after, also preceded by one of those letters at or after from. It
  // gives the length of the match, 0 for none, -1 for a match whose
  // condition failed (which, as in Snowball, ends the search).
  function suffix(w, from, groups) {
    var best = 0, bestCond = null;
    for (var g = 0; g < groups.length; g++) {
      var list = groups[g][0], cond = groups[g][1];
      for (var i = 0; i < list.length; i++) {
        var s = list[i];
        if (s.length > best && w.length - s.length >= from && w.slice(-s.length) === s) {
          best = s.length;
          bestCond = cond;
        }
      }
    }
    if (best && bestCond) {
      var at = w.length - best - 1;
      if (at < from || bestCond.indexOf(w.charAt(at)) < 0) return -1;
    }
    return best;
  }

  /* Russian (Snowball). */

  var RU_V = 'аеиоуыэюя';
  var RU_GERUND = [[['в', 'вши', 'вшись'], 'ая'], [['ив', 'ивши', 'ившись', 'ыв', 'ывши', 'ывшись'], null]];
  var RU_ADJECTIVE = [[['ее', 'ие', 'ые', 'ое', 'ими', 'ыми', 'ей', 'ий', 'ый', 'ой', 'ем', 'им', 'ым', 'ом', 'его', 'ого', 'ему', 'ому', 'их', 'ых', 'ую', 'юю', 'ая', 'яя', 'ою', 'ею'], null]];
  var RU_PARTICIPLE = [[['ем', 'нн', 'вш', 'ющ', 'щ'], 'ая'], [['ивш', 'ывш', 'ующ'], null]];
  var RU_REFLEXIVE = [[['ся', 'сь'], null]];
  var RU_VERB = [[['ла', 'на', 'ете', 'йте', 'ли', 'й', 'л', 'ем', 'н', 'ло', 'но', 'ет', 'ют', 'ны', 'ть', 'ешь', 'нно'], 'ая'],
    [['ила', 'ыла', 'ена', 'ейте', 'уйте', 'ите', 'или', 'ыли', 'ей', 'уй', 'ил', 'ыл', 'им', 'ым', 'ен', 'ило', 'ыло', 'ено', 'ят', 'ует', 'уют', 'ит', 'ыт', 'ены', 'ить', 'ыть', 'ишь', 'ую', 'ю'], null]];
  var RU_NOUN = [[['а', 'ев', 'ов', 'ие', 'ье', 'е', 'иями', 'ями', 'ами', 'еи', 'ии', 'и', 'ией', 'ей', 'ой', 'ий', 'й', 'иям', 'ям', 'ием', 'ем', 'ам', 'ом', 'о', 'у', 'ах', 'иях', 'ях', 'ы', 'ь', 'ию', 'ью', 'ю', 'ия', 'ья', 'я'], null]];
  var RU_SUPERLATIVE = [[['ейше', 'ейш'], null]];
  var RU_DERIVATIONAL = [[['ость', 'ост'], null]];

  function regions(w, vowels) {
    var rv = w.length, p2 = w.length, i = 0;
    while (i < w.length && vowels.indexOf(w.charAt(i)) < 0) i++;
    if (i < w.length) {
      rv = i + 1;
      i = rv;
      while (i < w.length && vowels.indexOf(w.charAt(i)) >= 0) i++; // past a non-vowel: p1
      i++;
      while (i < w.length && vowels.indexOf(w.charAt(i)) < 0) i++;
      while (i < w.length && vowels.indexOf(w.charAt(i)) >= 0) i++;
      if (i < w.length) p2 = i + 1;
    }
    return {rv: rv, p2: p2};
  }

  function cut(w, n) { return n > 0 ? w.slice(0, w.length - n) : w; }

  function stemRu(word) {
    var w = word.replace(/ё/g, 'е');
    var r = regions(w, RU_V), rv = r.rv;
    var n = suffix(w, rv, RU_GERUND);
    if (n > 0) {
      w = cut(w, n);
    } else {
      n = suffix(w, rv, RU_REFLEXIVE);
      if (n > 0) w = cut(w, n);
      n = suffix(w, rv, RU_ADJECTIVE);
      if (n > 0) {
        w = cut(w, n);
        n = suffix(w, rv, RU_PARTICIPLE);
        if (n > 0) w = cut(w, n);
      } else {
        n = suffix(w, rv, RU_VERB);
        if (n > 0) w = cut(w, n);
        else w = cut(w, suffix(w, rv, RU_NOUN));
      }
    }
    if (w.length > rv && w.slice(-1) === 'и') w = w.slice(0, -1);
    n = suffix(w, Math.max(rv, r.p2), RU_DERIVATIONAL);
    if (n > 0) w = cut(w, n);
    n = suffix(w, rv, RU_SUPERLATIVE);
    if (n > 0) {
      w = cut(w, n);
      if (w.length - 2 >= rv && w.slice(-2) === 'нн') w = w.slice(0, -1);
    } else if (w.length - 2 >= rv && w.slice(-2) === 'нн') {
      w = w.slice(0, -1);
    } else if (w.length > rv && w.slice(-1) === 'ь') {
      w = w.slice(0, -1);
    }
    return w;
  }

  /* Ukrainian. */

  var UK_V = 'аеєиіїоуюя';
  var UK_REFLEXIVE = [[['ся', 'сь'], null]];
  var UK_ENDINGS = [[[
    // adjectives and pronouns
    'ого', 'ього', 'ому', 'ьому', 'ими', 'іми', 'ий', 'ій', 'ої', 'ьої', 'ою', 'ую', 'юю', 'ая', 'яя', 'ім', 'им', 'их', 'іх',
    // nouns
    'ами', 'ями', 'ові', 'еві', 'єві', 'ах', 'ях', 'ів', 'їв', 'ей', 'ам', 'ям', 'ом', 'ем', 'єм', 'ею', 'єю',
    'ія', 'ії', 'ію', 'ією', 'ья', 'а', 'я', 'о', 'е', 'є', 'у', 'ю', 'і', 'ї', 'и', 'ь',
    // verbs
    'ати', 'яти', 'ити', 'іти', 'їти', 'ути', 'ть', 'ють', 'ують', 'ають', 'ять', 'ить', 'еш', 'єш', 'иш',
    'емо', 'ємо', 'имо', 'ете', 'єте', 'ите', 'ає', 'ує', 'ла', 'ло', 'ли', 'ала', 'ало', 'али', 'ила', 'ило', 'или'
  ], null]];

  // ukStrip is w without the longest of groups' endings that leaves a
  // stem of three letters or more with a vowel in it.
  function ukStrip(w, groups) {
    for (var from = 3; from <= w.length; from++) {
      var n = suffix(w, from, groups);
      if (n <= 0) return w;
      var rest = w.slice(0, w.length - n);
      for (var i = 0; i < rest.length; i++) if (UK_V.indexOf(rest.charAt(i)) >= 0) return rest;
      // no vowel left: try a shorter ending
      from = w.length - n + 1;
    }
    return w;
  }

  // ukAlternate folds the vowel alternation of a closed last syllable:
  // the vowel before the stem's last consonants is written і (ї after a
  // vowel) in Київ, Львів, ніч and е/є or о in Києва, Львова, ночі.
  function ukAlternate(w) {
    var i = w.length - 1;
    while (i > 0 && UK_V.indexOf(w.charAt(i)) < 0) i--;
    if (i <= 0 || i === w.length - 1) return w;
    var c = w.charAt(i);
    if (c === 'і' || c === 'е' || c === 'о') return w.slice(0, i) + 'і' + w.slice(i + 1);
    if (c === 'ї' || c === 'є') return w.slice(0, i) + 'ї' + w.slice(i + 1);
    return w;
  }

  var UK_IV = [[['ів', 'їв'], null]];

  function stemUk(word) {
    var w = word.replace(/ґ/g, 'г');
    w = ukStrip(w, UK_REFLEXIVE);
    w = ukAlternate(ukStrip(w, UK_ENDINGS));
    // Харків and Харкова alike end in -ів now, as the genitive plural
    // переговорів does: take it off both.
    return ukStrip(w, UK_IV);
  }

  var CYRILLIC = /[\u0400-\u04ff]/;

  // stem is the stemmer of lang, or null: it leaves words that are not
  // Cyrillic as they are.
  function stem(lang) {
    var base = String(lang || '').split('-')[0];
    var f = base === 'ru' ? stemRu : base === 'uk' ? stemUk : null;
    if (!f) return null;
    var memo = Object.create(null);
    return function (w) {
      if (!CYRILLIC.test(w)) return w;
      var s = memo[w];
      if (s === undefined) s = memo[w] = f(w);
      return s;
    };
  }

  return {stem: stem, russian: stemRu, ukrainian: stemUk};
}));
