// Package export writes a site's non-HTML outputs: the feeds, the sitemap
// and robots.txt, and the data files. Every function is a pure function of
// its Site: no clocks, no map order, so the same input gives the same bytes.
//
// URLs are absolute, made from the configuration's base_url (such as
// https://example.org/timeline/); on a site without an address (base_url
// "/") they are relative to the site's root, base_url is "" and there is
// no sitemap. Dates are written at the precision the
// editor gave them: "2025", "2025-03", "2025-03-11" or an RFC 3339 time
// such as "2025-03-11T14:30:00+02:00"; an output never invents a month or
// a day. Where a format needs a full timestamp (Atom <updated>, JSON Feed
// date_published), it is the first instant the date can denote: the start
// of its year, month or day in UTC, or the written instant.
//
// # Outputs
//
//	/feed.xml             Atom 1.0: the newest feed_entries entries
//	/corrections.xml      Atom 1.0: every correction and withdrawal, newest first
//	/feed.json            JSON Feed 1.1: the same entries
//	/sitemap.xml          sitemaps.org 0.9: every HTML page
//	/robots.txt           allows everything; names the sitemap
//	/data/events.json     every entry with every field (schema below)
//	/data/events.csv      one row an entry, ACLED column names where they overlap
//	/data/events.geojson  RFC 7946 points for entries with coordinates
//	/data/timeline.json   Knight Lab TimelineJS3 JSON, loadable as is
//
// Withdrawn entries are left out of everything but events.json, events.csv
// and the sitemap (their pages stay); there they are marked.
//
// An Atom entry's <published> is when it happened, its <updated> when it
// last changed (updated, a correction or a withdrawal, if later); JSON
// Feed's date_modified is the latter.
//
// The feeds list the newest entries first: by date, latest first, then by
// title and slug. An entry's id in the feeds is its absolute URL (an event's
// is its article's URL with "#event-id"), so it stays the same from build
// to build.
//
// # /data/events.json
//
// Schema "timelinegen-events/2" (2: casualty figures became objects). The
// file is one object:
//
//	schema    "timelinegen-events/2"; changes only when a field changes meaning or goes
//	title     the site's title
//	base_url  the site's base URL
//	entries   every entry, in timeline order (earliest first), then the withdrawn ones
//
// Each entry has every key below, in this order; a key whose value is
// unknown is null, a list that is empty is [].
//
//	slug            the entry's slug: an article's slug, or an event's id
//	url             absolute URL of the entry: its page, or its article's page with "#id"
//	title           headline
//	date            when it happened, at its precision: "2025", "2025-03", "2025-03-11" or an RFC 3339 time
//	date_precision  "year", "month", "day" or "time"
//	date_qualifier  "approximate", "uncertain" or "approximate-uncertain" (EDTF ~ ? %); null when sure
//	date_text       the date as shown: "c. 11 March 2025", "April 2025 (uncertain)"
//	end             end of a span, same forms as date; null for a single date
//	end_precision   precision of end; null when end is null
//	end_qualifier   qualifier of end; null when end is null or sure
//	kind            the kind's name, such as "military"
//	kind_label      the kind's label, such as "Military"
//	status          "confirmed", "reported" or "disputed"
//	summary         one sentence, as shown on the site (written, or taken from the body)
//	actors          parties involved, as written
//	location        {name, country, lat, lon, precision}, or null; lat and lon are numbers (WGS 84 degrees,
//	                rounded by publish_coordinates) or null when not given; precision is exact, town,
//	                district, region or country
//	casualties      {killed, injured}, each a figure {min, best, max, text} or null when not reported:
//	                min always, best and max null when not reported ({min: 9} is "at least 9"),
//	                text as shown ("3", "at least 9", "10–20", "14 (10–20)")
//	tags            the article's tags (an event has its article's tags)
//	sources         [{title, publisher, url, date, archive_url, archived, url_status, quote, type}]; dates as for date, or null;
//	                url_status live, dead or unfit; type primary, secondary or "" (an event without its own has its article's)
//	article         for an event reported within an article, the article's slug; null for an article's own entry
//	related         slugs of related entries, declared on either side, in timeline order
//	media           photos and videos: [{type, url, width, height, thumbnail, alt, caption, credit,
//	                license, sensitive, provider}]; type "image" or "video"; url the widest image or
//	                the video's page at its provider; width and height null for a video; thumbnail
//	                the narrowest image (a sensitive image's blurred stand-in), a video's still or "";
//	                provider "YouTube", "Vimeo", "Telegram" or "X" for a video, "" for an image
//	attributed_to   whose claim the entry is
//	publishers      how many independent publishers its sources have
//	updated         when it last changed: updated, a correction or its withdrawal, the latest; null if never
//	corrections     [{date, text}], oldest first
//	withdrawn       {date, reason}, or null; an event of a withdrawn article is withdrawn with it
//
// # /data/events.csv
//
// RFC 4180: UTF-8, CRLF line ends, a header row, fields quoted when they
// hold a comma, a double quote or a line break; a text cell beginning
// with =, +, -, @, a tab or a carriage return is written after a ' (OWASP's
// defence against CSV injection; numbers are left as they are). Columns,
// in order (ACLED's names where the meaning is the same; ours after them):
//
//	event_id_cnty   slug
//	event_date      date at its precision, as in events.json ("2025-03" stays "2025-03")
//	year            the date's year
//	time_precision  ACLED's code: 1 for a day or a time, 2 for an approximate day, 3 for a month or a year
//	date_precision  year, month, day or time
//	event_type      the kind's label
//	actor1          first actor
//	actor2          second actor
//	actors          every actor, actor1 and actor2 included, joined with "; "
//	country         location's country
//	location        location's name
//	latitude        decimal degrees, empty when not given
//	longitude       decimal degrees, empty when not given
//	source          the sources' publishers, joined with "; "
//	notes           summary
//	fatalities      killed, ACLED's conservative figure: the best, else the minimum; empty when not reported
//	kind            the kind's name
//	status          confirmed, reported or disputed
//	injured         injured, as fatalities
//	end_date        end, at its precision; empty for a single date
//	tags            tags joined with "; "
//	url             absolute URL of the entry
//	article         for an event, its article's slug; empty otherwise
//	geo_precision   ACLED's code: 1 exact, 2 town, 3 district, region or country
//	location_precision  exact, town, district, region or country
//	date_qualifier  as in events.json; empty when sure
//	fatalities_low, fatalities_best, fatalities_high  a figure that is not an exact count; empty otherwise
//	injured_low, injured_best, injured_high           likewise
//	media_url       the first photo or video that is not sensitive, as media's url; empty if none
//	media_credit    its credit
//	attributed_to   joined with "; "
//	publishers      as in events.json
//	updated         as in events.json; empty if never
//	corrections     "date: text" each, joined with " | "
//	withdrawn       the withdrawal's date; empty if it stands
//	withdrawn_reason
//	source_titles, source_publishers, source_urls, source_dates, source_archive_urls,
//	source_archived, source_url_status, source_quotes, source_types
//	                each source's field, joined with " | " in source order: the
//	                n-th item of each belongs to the n-th source
//
// # /data/events.geojson
//
// An RFC 7946 FeatureCollection with one Point feature for each entry that
// has coordinates, in timeline order. Coordinates are [longitude, latitude].
// Each feature's id is the entry's slug; its properties are slug, title,
// date, date_precision, date_qualifier, date_text, kind, status, url,
// place, country, precision, radius_km (the radius of the area a place of
// that precision may lie in; 0 when exact), killed and injured, as in
// events.json (killed and injured null when not reported), and image, a
// thumbnail of the first photo that is not sensitive ("" if none).
// that precision may lie in; 0 when exact), killed, injured,
// publishers, attributed_to and updated, as in events.json (killed and injured null when not reported).
//
// # /data/timeline.json
//
// Knight Lab TimelineJS3 JSON. The title slide is the site's title and
// description; each entry is an event slide with start_date (and end_date
// for a span) holding only the parts the date has: year, then month and day
// when known, hour and minute for a time (as written, in its own offset);
// display_date is the date as shown on the site. text.headline is the
// title, text.text the summary (HTML-escaped) and a link to the entry,
// group the kind's label, unique_id the slug. media is the entry's first
// photo or video that is not sensitive (TimelineJS cannot hide an image
// behind a click): url, caption and credit (HTML-escaped), thumbnail, alt,
// and link to the entry.
package export
