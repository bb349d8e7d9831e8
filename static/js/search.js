/* timelinegen search: runs in the browser on the site's own index
   (search/manifest.json, search/words-<n>.json and search/index-<n>.json,
   made by the generator; the format is documented in
   internal/export/search.go and searchwords.go). No dependencies, nothing
   fetched from anywhere but this site.

   The form carries data-base, the site's base path ("/" or "/timeline/").
   ?q= in the URL is searched on load and kept up to date, so a search can
   be linked to. A search loads the word files of its words, which give
   every match and its rank, then the shards holding the results shown:
   what it needs, not the whole index. */
(function (root, factory) {
  'use strict';
  // stem.js, loaded before this script, gives the stemmers.
  var api = factory(root.timelinegenStem || (typeof require === 'function' ? require('./stem.js') : null));
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    api.start(document);
  }
}(this, function (stemmers) {
  'use strict';

  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var APOSTROPHES = /['\u2019\u02bc\u02b9`]/g;
  var SEPARATORS = /[^\p{L}\p{N}\p{M}]+/u;
  var SHOWN = 50; // results shown at first and added by "Show more"

  // fold lowercases s and takes off diacritics: "Zürich" → "zurich",
  // "Ёлка" → "елка", "Sí" → "si". Apostrophes inside words go, so that
  // "Kyiv's" and "Kyivs" are one word.
  function fold(s) {
    return String(s).toLowerCase().normalize('NFKD').replace(MARKS, '').replace(APOSTROPHES, '').normalize('NFC');
  }

  // tokenize is s's folded words: letters and digits of any script. With
  // stem (see stem.js), each word is first taken to its stem, before its
  // diacritics go: the stemmers read й, ї and ё.
  function tokenize(s, stem) {
    var out = [];
    var parts = String(s).toLowerCase().normalize('NFC').replace(APOSTROPHES, '').split(SEPARATORS);
    for (var i = 0; i < parts.length; i++) {
      var w = parts[i];
      if (!w) continue;
      if (stem) w = stem(w);
      w = w.normalize('NFKD').replace(MARKS, '').normalize('NFC');
      if (w && out.indexOf(w) < 0) out.push(w);
    }
    return out;
  }

  // entryURL turns an entry's ref into a URL under base.
  function entryURL(base, ref) {
    if (ref.indexOf('/') >= 0) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.charAt(0) === '/') return ref;
      return base + ref;
    }
    var hash = ref.indexOf('#');
    if (hash >= 0) return base + 'events/' + ref.slice(0, hash) + '/' + ref.slice(hash);
    return base + 'events/' + ref + '/';
  }

  // prepare turns one shard's rows into records, what is shown. first is
  // the shard's first entry's position in the timeline.
  function prepare(manifest, rows, first, base) {
    var out = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var kind = manifest.kinds[r[3]] || ['', ''];
      var actors = [], tags = [];
      for (var a = 0; a < r[4].length; a++) actors.push(manifest.actors[r[4][a]]);
      for (var t = 0; t < r[6].length; t++) tags.push(manifest.tags[r[6][t]]);
      var place = r[5] >= 0 ? manifest.places[r[5]] : '';
      out[i] = {
        pos: first + i,
        url: entryURL(base || '/', r[0]),
        title: r[1],
        date: r[2],
        kind: kind[0],
        kindLabel: kind[1],
        actors: actors,
        place: place,
        tags: tags,
        summary: r[7],
        status: (manifest.statuses || [])[r[8]] || '',
        publishers: r[9] || 0
      };
    }
    return out;
  }

  // Weights by field (title, actors and place, tags and kind, summary and
  // date): a whole word scores more than a word's start, a title more than
  // the rest.
  var WEIGHTS = [[12, 8], [6, 4], [4, 3], [2, 1]];

  // query is what find needs of the text typed.
  function query(s, stem) {
    return {tokens: tokenize(s, stem)};
  }

  // key is the part of a word that names its word file: its first two
  // characters, or the word when it has one.
  function key(w) {
    return Array.from(w).slice(0, 2).join('');
  }

  // hits is where the word w of a query is found, from its word file
  // (words: each word to [gap, where, ...]): by position, the first field
  // holding a word that starts with w (or is w, for a word of one
  // character), whether w is whole there, w's place in the title and the
  // places in the title of the words starting with w.
  function hits(words, w) {
    var out = new Map(), one = Array.from(w).length === 1;
    for (var word in words) {
      var exact = word === w;
      if (!exact && (one || word.lastIndexOf(w, 0) !== 0)) continue;
      var list = words[word], pos = 0;
      for (var i = 0; i < list.length; i += 2) {
        pos += list[i];
        var where = list[i + 1], field = where & 3;
        var h = out.get(pos);
        if (!h) out.set(pos, h = {field: field, exactField: -1, at: -1, starts: []});
        else if (field < h.field) h.field = field;
        if (exact) {
          h.exactField = field;
          if (field === 0) h.at = where >> 2;
        }
        if (field === 0) h.starts.push(where >> 2);
      }
    }
    return out;
  }

  // find is every entry matching q, best first: {pos, score} each. files
  // are the word files of q's words, by key (see key). An
  // entry matches when each word of q starts a word of it (a word of one
  // character: is one); it scores by the best field each is found in,
  // whole words more, and more for q's words in its title in order (a
  // phrase) or all in its title.
  function find(files, q) {
    var tokens = q.tokens;
    if (!tokens.length) return [];
    var each = tokens.map(function (w) { return hits(files[key(w)] || {}, w); });
    var smallest = each.reduce(function (a, b) { return b.size < a.size ? b : a; });
    var out = [];
    smallest.forEach(function (_, pos) {
      var total = 0, inTitle = 0, found = [];
      for (var i = 0; i < each.length; i++) {
        var h = each[i].get(pos);
        if (!h) return;
        found.push(h);
        total += WEIGHTS[h.field][h.exactField === h.field ? 0 : 1];
        if (h.field === 0) inTitle++;
      }
      if (phrase(found)) total += 10;
      else if (inTitle === tokens.length && inTitle > 1) total += 4;
      out.push({pos: pos, score: total});
    });
    return out.sort(byRank);
  }

  // phrase is whether the words found are in the title in the query's
  // order, the last one's start at least: each whole word at its place,
  // one after another.
  function phrase(found) {
    if (found.length < 2) return false;
    var at = found[0].at;
    if (at < 0) return false;
    for (var i = 1; i < found.length - 1; i++) if (found[i].at !== at + i) return false;
    return found[found.length - 1].starts.indexOf(at + found.length - 1) >= 0;
  }

  // byRank orders matches: best score first, then newest first.
  function byRank(a, b) {
    return b.score - a.score || b.pos - a.pos;
  }

  // ENGLISH is what the page says when the form gives no data-strings.
  var ENGLISH = {categories: ['one', 'other'], results: '%d result|%d results', none: 'No results', 'for': '%s for “%s”',
    first: ', showing the first %s', failed: '. The search index could not be loaded in full; try again later.',
    so_far: ' so far (searching…)', type: 'Type a word to search for.',
    publishers: '%d publisher|%d independent publishers', statuses: {}};

  // counted is "3 results" in the page's language: forms by the plural
  // categories the strings list, as Intl.PluralRules names them.
  function counted(strings, lang, n) {
    if (n === 0) return strings.none;
    return plural(strings, strings.results, lang, n);
  }

  // plural is the form of forms ("%d result|%d results") for n.
  function plural(strings, forms, lang, n) {
    forms = forms.split('|');
    var cat = 'other';
    try { cat = new Intl.PluralRules(lang).select(n); } catch (e) { cat = n === 1 ? 'one' : 'other'; }
    var i = strings.categories.indexOf(cat);
    var form = forms[i >= 0 && i < forms.length ? i : forms.length - 1];
    return form.replace('%d', n.toLocaleString(lang));
  }

  /* The page. */

  function start(doc) {
    var form = doc.querySelector('form[data-search]');
    if (!form) return;
    var input = form.querySelector('input[name=q]');
    var status = doc.getElementById('search-status');
    var list = doc.getElementById('search-results');
    var more = doc.getElementById('search-more');
    var base = form.getAttribute('data-base') || '/';
    var lang = form.getAttribute('data-lang') || 'en';
    var stem = stemmers ? stemmers.stem(lang) : null;
    var strings = ENGLISH;
    try { strings = JSON.parse(form.getAttribute('data-strings')) || ENGLISH; } catch (e) { strings = ENGLISH; }
    var win = doc.defaultView;
    form.classList.add('search-ready');

    var manifest = null, manifestLoading = null, keys = null;
    var words = {}; // word files' words by key, once loaded
    var records = {}; // shards' records by shard number, once loaded
    var loading = {}; // fetches under way, by URL
    var typed = '', matches = null, shown = SHOWN, runs = 0, failed = false;

    function get(url) {
      if (!loading[url]) {
        loading[url] = win.fetch(url).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
        loading[url].catch(function () { delete loading[url]; }); // a later search tries again
      }
      return loading[url];
    }

    function loadManifest() {
      if (!manifestLoading) {
        manifestLoading = win.fetch(base + 'search/manifest.json', {cache: 'no-cache'})
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (m) {
            manifest = m;
            // The index's words are stemmed as its language's are.
            if (stemmers && m.lang) stem = stemmers.stem(m.lang);
            keys = new Map(m.words.keys.map(function (k, i) { return [k, i]; }));
            return m;
          });
        manifestLoading.catch(function () { manifestLoading = null; });
      }
      return manifestLoading;
    }

    // shardOf is the number of the shard holding the entry at pos.
    function shardOf(pos) {
      return Math.floor(pos / manifest.shards.entries);
    }

    function recordAt(pos) {
      var s = shardOf(pos), recs = records[s];
      return recs ? recs[pos - s * manifest.shards.entries] : null;
    }

    // search finds typed's matches from the word files of its words, then
    // shows them. A later search makes an earlier one's results moot.
    function search() {
      var id = ++runs;
      matches = null;
      failed = false;
      render();
      if (!query(typed, stem).tokens.length) return;
      loadManifest().then(function (m) {
        var q = query(typed, stem);
        return Promise.all(q.tokens.map(function (w) {
          var k = key(w), n = keys.get(k);
          if (words[k]) return null;
          if (n === undefined) { words[k] = {}; return null; } // no word of the site starts so
          return get(base + 'search/words-' + n + '.json?v=' + m.words.version).then(function (o) { words[k] = o; });
        })).then(function () {
          if (id !== runs) return null;
          matches = find(words, q);
          return show(id);
        });
      }).catch(function () {
        if (id === runs) { failed = true; render(); }
      });
    }

    // show loads the shards holding the results to show, then shows them.
    function show(id) {
      var need = [];
      for (var i = 0; i < matches.length && i < shown; i++) {
        var s = shardOf(matches[i].pos);
        if (!records[s] && need.indexOf(s) < 0) need.push(s);
      }
      render();
      return Promise.all(need.map(function (s) {
        return get(base + 'search/index-' + s + '.json?v=' + manifest.shards.version).then(function (rows) {
          records[s] = prepare(manifest, rows, s * manifest.shards.entries, base);
        });
      })).then(function () {
        if (id === runs) render();
      });
    }

    function run(s) {
      typed = s;
      shown = SHOWN;
      search();
    }

    function say(msg) {
      if (status.textContent !== msg) status.textContent = msg;
    }

    function render() {
      list.textContent = '';
      if (more) more.hidden = true;
      if (!query(typed, stem).tokens.length) {
        say(typed.trim() ? strings.type : '');
        return;
      }
      var found = matches || [];
      var frag = doc.createDocumentFragment(), done = matches !== null;
      for (var i = 0; i < found.length && i < shown; i++) {
        var rec = recordAt(found[i].pos);
        if (!rec) { done = false; break; } // in order: the rest when its shard is in
        frag.appendChild(item(rec));
      }
      list.appendChild(frag);
      if (more) more.hidden = !done || found.length <= shown;
      var n = found.length;
      var msg = strings['for'].replace('%s', counted(strings, lang, n)).replace('%s', typed.trim());
      if (n > shown) msg += strings.first.replace('%s', Math.min(shown, n).toLocaleString(lang));
      if (failed) msg += strings.failed;
      else if (!done) msg += strings.so_far;
      else msg += '.';
      say(msg);
    }

    function item(rec) {
      var li = doc.createElement('li');
      li.className = 'search-result' + (rec.kind ? ' k-' + rec.kind : '');
      var h = doc.createElement('h2');
      h.className = 'search-result-title';
      var a = doc.createElement('a');
      a.href = rec.url;
      a.textContent = rec.title;
      h.appendChild(a);
      li.appendChild(h);
      var meta = doc.createElement('p');
      meta.className = 'entry-meta';
      var d = doc.createElement('span');
      d.className = 'search-date';
      d.textContent = rec.date;
      meta.appendChild(d);
      if (rec.kind) {
        meta.appendChild(doc.createTextNode(' '));
        var k = doc.createElement('a');
        k.className = 'kind';
        k.href = base + 'kinds/' + rec.kind + '/';
        k.textContent = rec.kindLabel;
        meta.appendChild(k);
      }
      if (rec.status) {
        meta.appendChild(doc.createTextNode(' '));
        var st = doc.createElement('a');
        st.className = 'status status-' + rec.status;
        st.href = base + 'status/' + rec.status + '/';
        st.textContent = (strings.statuses || {})[rec.status] || rec.status;
        meta.appendChild(st);
        if (rec.publishers) {
          var pub = doc.createElement('span');
          pub.className = 'publishers';
          pub.textContent = ' · ' + plural(strings, strings.publishers || ENGLISH.publishers, lang, rec.publishers);
          meta.appendChild(pub);
        }
      }
      var facts = rec.actors.slice();
      if (rec.place) facts.push(rec.place);
      if (facts.length) {
        var f = doc.createElement('span');
        f.className = 'search-facts';
        f.textContent = ' ' + facts.join(' · ');
        meta.appendChild(f);
      }
      li.appendChild(meta);
      if (rec.summary) {
        var p = doc.createElement('p');
        p.className = 'summary';
        p.textContent = rec.summary;
        li.appendChild(p);
      }
      return li;
    }

    function remember(s) {
      if (!win.history || !win.history.replaceState) return;
      var u = new win.URL(win.location.href);
      if (s.trim()) u.searchParams.set('q', s); else u.searchParams.delete('q');
      win.history.replaceState(null, '', u.pathname + u.search + u.hash);
    }

    var timer = 0;
    input.addEventListener('input', function () {
      win.clearTimeout(timer);
      timer = win.setTimeout(function () { run(input.value); remember(input.value); }, 180);
    });
    input.addEventListener('focus', function () { loadManifest().catch(function () {}); }, {once: true});
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      win.clearTimeout(timer);
      run(input.value);
      remember(input.value);
    });
    if (more) {
      more.addEventListener('click', function () {
        shown += SHOWN;
        var first = shown - SHOWN, id = runs;
        show(id).then(function () {
          var link = id === runs && list.querySelectorAll('li')[first];
          if (link && (link = link.querySelector('a'))) link.focus();
        }).catch(function () { failed = true; render(); });
      });
    }

    var q = new win.URL(win.location.href).searchParams.get('q');
    if (q) {
      input.value = q;
      run(q);
    }
  }

  return {
    fold: fold,
    tokenize: tokenize,
    counted: counted,
    stemmer: function (lang) { return stemmers ? stemmers.stem(lang) : null; },
    entryURL: entryURL,
    prepare: prepare,
    query: query,
    key: key,
    find: find,
    start: start
  };
}));
