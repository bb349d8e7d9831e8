/* timelinegen listing filters: on a page with a .timeline of entry cards,
   a bar to show only one kind's, one actor's or one status's entries,
   built from the cards on the page. It hides the other cards and the
   months left empty, and links to the full filtered pages (/kinds/<k>/,
   /actors/<a>/, /status/<s>/), which work without it. Without JavaScript
   the page is as it was.

   A card is read as the theme writes it: its kind from the class
   "k-<kind>" (or data-kind) and its .kind link, its actors from the links
   in .fact-actors (or data-actors, slugs separated by spaces), its status
   from data-status and its a.status link. ?kind=, ?actor= (an actor's
   slug) and ?status= in the URL select a filter on load and are kept up to
   date, so a filtered view can be linked to.

   With the visual timeline (js/timeline.js) on the page, the list also
   shows only the entries of the timeline's view (?from= and ?to=, and the
   event "timelinegen:range" whenever the view moves), and each script tells
   the other of its filters with the event "timelinegen:filter". */
(function (root, factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    api.start(document);
  }
}(this, function () {
  'use strict';

  // slugOf is the last path segment of a term page's URL: "/actors/ru/" or,
  // on a site with relative links, "../actors/ru/index.html" → "ru".
  function slugOf(url) {
    var path = String(url).split(/[?#]/)[0].replace(/\/index\.html$/, '').replace(/\/+$/, '');
    return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  }

  // label is an element's text without its visually hidden parts.
  function label(el) {
    var s = '';
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) s += n.nodeValue;
      else if (n.nodeType === 1 && !/(^|\s)visually-hidden(\s|$)/.test(n.className)) s += label(n);
    }
    return s.replace(/\s+/g, ' ').trim();
  }

  // readCard is what the filters need of one card.
  function readCard(li) {
    var card = {el: li, kind: li.getAttribute('data-kind') || '', kindLabel: '', kindURL: '', actors: [],
      status: li.getAttribute('data-status') || '', statusURL: ''};
    var st = li.querySelector('a.status');
    if (st) card.statusURL = st.getAttribute('href');
    if (!card.kind) {
      var m = /(?:^|\s)k-(\S+)/.exec(li.className);
      if (m) card.kind = m[1];
    }
    var k = li.querySelector('a.kind');
    if (k) { card.kindLabel = label(k); card.kindURL = k.getAttribute('href'); }
    if (!card.kindLabel) card.kindLabel = card.kind;
    var links = li.querySelectorAll('.fact-actors a');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href');
      card.actors.push({id: slugOf(href), name: label(links[i]), url: href});
    }
    var times = li.querySelectorAll('time[datetime]');
    if (times.length) {
      var a = extent(times[0].getAttribute('datetime')), b = extent(times[times.length - 1].getAttribute('datetime'));
      if (a && b) card.span = [a[0], Math.max(a[1], b[1])];
    }
    var data = li.getAttribute('data-actors');
    if (data && !card.actors.length) {
      data.split(/\s+/).forEach(function (id) { if (id) card.actors.push({id: id, name: id, url: ''}); });
    }
    return card;
  }

  // ENGLISH is what the bar says when its script element gives no
  // data-filter-strings: the template writes the page's language's there
  // (i18n's filter_ strings, "shown" by CLDR plural category).
  var ENGLISH = {form: 'Filter the entries on this page', kind: 'Kind', all_kinds: 'All kinds',
    actor: 'Actor', all_actors: 'All actors', status: 'Status', any_status: 'Any status',
    show_all: 'Show all', menus: 'Filter', none: 'No entries of %s on this page.',
    shown: {one: '%d entry of %s on this page.', other: '%d entries of %s on this page.'},
    all_kind: 'All %s entries', all_actor: 'All entries with %s', all_status: 'All %s entries', statuses: {}};

  // Words say the bar's strings in the page's language: say(key, args...)
  // puts args in for "%s" and "%d" in turn; shown(n, total) picks the
  // plural form for n as Intl.PluralRules does; numbers are written with
  // the language's digits.
  function Words(strings, lang) {
    this.s = strings || ENGLISH;
    this.lang = lang || 'en';
    try { this.rules = new Intl.PluralRules(this.lang); } catch (e) { this.rules = null; }
  }
  Words.prototype.number = function (n) {
    try { return n.toLocaleString(this.lang); } catch (e) { return String(n); }
  };
  Words.prototype.say = function (key) {
    var args = Array.prototype.slice.call(arguments, 1), next = 0;
    var s = this.s[key];
    if (typeof s !== 'string') s = ENGLISH[key] || key;
    return s.replace(/%[sd]/g, function () { return String(args[next++]); });
  };
  Words.prototype.shown = function (n, total) {
    if (n === 0) return this.say('none', this.number(total));
    var forms = this.s.shown || ENGLISH.shown;
    var cat = this.rules ? this.rules.select(n) : (n === 1 ? 'one' : 'other');
    var form = forms[cat] || forms.other || forms.many || ENGLISH.shown.other;
    return form.replace(/%[sd]/g, function (m) { return m === '%d' ? this.number(n) : this.number(total); }.bind(this));
  };
  Words.prototype.statusName = function (id) {
    var name = (this.s.statuses || {})[id] || id;
    return name.charAt(0).toLocaleUpperCase(this.lang) + name.slice(1);
  };

  // wordsOf reads the bar's strings from the script element that loads it.
  function wordsOf(doc) {
    var el = doc.querySelector('script[data-filter-strings]');
    var strings = null;
    try { strings = el && JSON.parse(el.getAttribute('data-filter-strings')); } catch (e) { strings = null; }
    // The page's digits (i18n.Locale.Numbering), not the browser's
    // default for the language.
    var lang = doc.documentElement.getAttribute('lang') || 'en';
    if (strings && /^[a-z]{3,8}$/.test(strings.numbers || '')) lang += '-u-nu-' + strings.numbers;
    return new Words(strings, lang);
  }

  // STATUS_ORDER is the order statuses are offered in.
  var STATUS_ORDER = ['confirmed', 'reported', 'disputed'];

  function collate(list, compare) {
    var out = [];
    for (var id in list) if (Object.prototype.hasOwnProperty.call(list, id)) out.push(list[id]);
    return out.sort(compare);
  }

  // choices lists the kinds and actors of cards, each once, with how many
  // cards have it: kinds in the order the page first shows them, actors by
  // name.
  function choices(cards, words) {
    words = words || new Words(null, 'en');
    var kinds = {}, actors = {}, statuses = {}, order = 0;
    cards.forEach(function (c) {
      if (c.status) {
        var s = statuses[c.status] || (statuses[c.status] = {id: c.status, name: words.statusName(c.status), url: c.statusURL, count: 0, order: STATUS_ORDER.indexOf(c.status)});
        s.count++;
      }
      if (c.kind) {
        var k = kinds[c.kind] || (kinds[c.kind] = {id: c.kind, name: c.kindLabel, url: c.kindURL, count: 0, order: order++});
        k.count++;
      }
      c.actors.forEach(function (a) {
        var x = actors[a.id] || (actors[a.id] = {id: a.id, name: a.name, url: a.url, count: 0});
        x.count++;
      });
    });
    return {
      kinds: collate(kinds, function (a, b) { return a.order - b.order; }),
      actors: collate(actors, function (a, b) { return a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); }),
      statuses: collate(statuses, function (a, b) { return a.order - b.order || (a.id < b.id ? -1 : 1); })
    };
  }

  // shows reports whether card passes the filters ("" lets any through;
  // range, {from, to} in minutes since 1970 UTC, may be null).
  function shows(card, kind, actor, status, range) {
    if (kind && card.kind !== kind) return false;
    if (status && card.status !== status) return false;
    if (actor && !card.actors.some(function (a) { return a.id === actor; })) return false;
    if (range && card.span && (card.span[1] <= range.from || card.span[0] >= range.to)) return false;
    return true;
  }

  // extent is the minutes a <time datetime> covers: [first, after last).
  function extent(iso) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso || '');
    if (!m) {
      var t = Date.parse(iso);
      return isNaN(t) ? null : [t / 60000, t / 60000 + 1];
    }
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
    var from = Date.UTC(y, mo, d) / 60000;
    var to = (m[3] ? Date.UTC(y, mo, d + 1) : m[2] ? Date.UTC(y, mo + 1, 1) : Date.UTC(y + 1, 0, 1)) / 60000;
    return [from, to];
  }

  // param reads ?from= or ?to= as minutes: the start of the date, or the
  // end of it.
  function param(s, end) {
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s || '')) return null;
    var e = extent(s);
    return end ? e[1] : e[0];
  }

  /* The page. */

  function start(doc) {
    var timelines = doc.querySelectorAll('.timeline');
    if (!timelines.length) return;
    var lis = doc.querySelectorAll('.timeline li.entry');
    var cards = [];
    for (var i = 0; i < lis.length; i++) cards.push(readCard(lis[i]));
    if (cards.length < 2) return;
    var words = wordsOf(doc);
    var c = choices(cards, words);
    var win = doc.defaultView;
    var params = new win.URL(win.location.href).searchParams;
    var range = null;
    var from = param(params.get('from'), false), to = param(params.get('to'), true);
    if (from !== null || to !== null) range = {from: from === null ? -Infinity : from, to: to === null ? Infinity : to};
    doc.addEventListener('timelinegen:range', function (e) {
      range = e.detail || null;
      apply();
    });
    var choose = c.kinds.length >= 2 || c.actors.length >= 2 || c.statuses.length >= 2;

    var form = doc.createElement('form');
    form.className = 'filters';
    form.setAttribute('aria-label', words.say('form'));
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    // The menus, behind one button on a phone (a <details>, whose summary
    // the style sheet shows only there): folded, they leave the first
    // entries in view; open, each menu takes the width to be read.
    var menus = doc.createElement('details');
    menus.className = 'filter-menus';
    var summary = doc.createElement('summary');
    summary.textContent = words.say('menus');
    menus.appendChild(summary);
    form.appendChild(menus);
    var narrow = win.matchMedia ? win.matchMedia('(max-width: 30rem)') : null;
    menus.open = !(narrow && narrow.matches);
    if (narrow && narrow.addEventListener) narrow.addEventListener('change', function () { menus.open = !narrow.matches || active(); place(); });

    function select(name, text, all, items) {
      if (items.length < 2) return null;
      var wrap = doc.createElement('label');
      wrap.className = 'filter filter-by-' + name; // not filter-status: the status line's class
      var span = doc.createElement('span');
      span.className = 'filter-label';
      span.textContent = text;
      wrap.appendChild(span);
      var sel = doc.createElement('select');
      sel.name = name;
      var opt = doc.createElement('option');
      opt.value = '';
      opt.textContent = all;
      sel.appendChild(opt);
      items.forEach(function (it) {
        var o = doc.createElement('option');
        o.value = it.id;
        o.textContent = it.name + ' (' + words.number(it.count) + ')';
        sel.appendChild(o);
      });
      wrap.appendChild(sel);
      menus.appendChild(wrap);
      sel.addEventListener('change', function () { apply(); remember(); tell(); });
      return sel;
    }
    var kindSel = select('kind', words.say('kind'), words.say('all_kinds'), c.kinds);
    var actorSel = select('actor', words.say('actor'), words.say('all_actors'), c.actors);
    var statusSel = select('status', words.say('status'), words.say('any_status'), c.statuses);
    var sels = [['kind', kindSel], ['actor', actorSel], ['status', statusSel]];
    function value(sel) { return sel ? sel.value : ''; }
    function active() { return !!(value(kindSel) || value(actorSel) || value(statusSel)); }
    var clear = doc.createElement('button');
    clear.type = 'button';
    clear.className = 'filter-clear';
    clear.textContent = words.say('show_all');
    clear.hidden = true;
    clear.addEventListener('click', function () {
      sels.forEach(function (p) { if (p[1]) p[1].value = ''; });
      range = null;
      apply();
      remember();
      tell(true);
      (kindSel || actorSel || statusSel || clear).focus();
    });
    form.appendChild(clear);
    var status = doc.createElement('p');
    status.className = 'filter-status';
    status.setAttribute('role', 'status');
    form.appendChild(status);
    // Above the visual timeline, which it filters too; on a phone, folded,
    // at the end of the home page's status counts, whose line it shares
    // when both fit.
    var anchor = doc.querySelector('.vt') || timelines[0];
    var counts = doc.querySelector('.page-header > .status-counts:last-child');
    function place() {
      if (!choose) return;
      if (counts && narrow && narrow.matches) counts.parentNode.appendChild(form);
      else anchor.parentNode.insertBefore(form, anchor);
    }
    place();

    // tell lets the visual timeline know of the filters; cleared, its view
    // goes back to everything.
    function tell(cleared) {
      var detail = {kind: value(kindSel), actor: value(actorSel), source: 'filters'};
      if (cleared) detail.range = null;
      doc.dispatchEvent(new win.CustomEvent('timelinegen:filter', {detail: detail}));
    }

    function find(items, id) {
      for (var i = 0; i < items.length; i++) if (items[i].id === id) return items[i];
      return null;
    }

    function link(parent, href, text) {
      if (!href) return;
      parent.appendChild(doc.createTextNode(' '));
      var a = doc.createElement('a');
      a.href = href;
      a.textContent = text;
      parent.appendChild(a);
    }

    function apply() {
      var kind = value(kindSel), actor = value(actorSel), st = value(statusSel);
      var n = 0;
      cards.forEach(function (card) {
        var on = shows(card, kind, actor, st, range);
        card.el.hidden = !on;
        if (on) n++;
      });
      var months = doc.querySelectorAll('.timeline .month');
      for (var i = 0; i < months.length; i++) {
        months[i].hidden = !months[i].querySelector('li.entry:not([hidden])');
      }
      status.textContent = '';
      clear.hidden = !kind && !actor && !st && !range;
      if (!kind && !actor && !st && !range) return;
      status.appendChild(doc.createTextNode(words.shown(n, cards.length)));
      var k = kind && find(c.kinds, kind), a = actor && find(c.actors, actor);
      if (k) link(status, k.url, words.say('all_kind', k.name));
      if (a) link(status, a.url, words.say('all_actor', a.name));
      var s = st && find(c.statuses, st);
      if (s) link(status, s.url, words.say('all_status', (words.s.statuses || {})[st] || st));
    }

    function remember() {
      if (!win.history || !win.history.replaceState) return;
      var u = new win.URL(win.location.href);
      sels.forEach(function (p) {
        if (p[1] && p[1].value) u.searchParams.set(p[0], p[1].value);
        else u.searchParams.delete(p[0]);
      });
      win.history.replaceState(win.history.state, '', u.pathname + u.search + u.hash);
    }

    if (kindSel && find(c.kinds, params.get('kind') || '')) kindSel.value = params.get('kind');
    if (actorSel && find(c.actors, params.get('actor') || '')) actorSel.value = params.get('actor');
    if (statusSel && find(c.statuses, params.get('status') || '')) statusSel.value = params.get('status');
    if (active()) menus.open = true;
    if (active() || range) apply();
  }

  return {Words: Words, slugOf: slugOf, readCard: readCard, choices: choices, shows: shows, extent: extent, start: start};
}));
