package sitecheck

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	atomNS    = "http://www.w3.org/2005/Atom"
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
)

// node is an element of a parsed XML document.
type node struct {
	Name     xml.Name
	Attr     []xml.Attr
	Text     string
	Children []*node
}

// parseXML parses a whole document strictly: well-formed, one root, only
// whitespace outside it.
func parseXML(b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{Name: tok.Name, Attr: tok.Attr}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, n)
			} else if root != nil {
				return nil, fmt.Errorf("a second root element <%s>", tok.Name.Local)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tok)
			} else if len(bytes.TrimSpace(tok)) > 0 {
				return nil, fmt.Errorf("text outside the root element: %q", tok)
			}
		}
	}
	if root == nil {
		return nil, fmt.Errorf("no root element")
	}
	return root, nil
}

func (n *node) attr(name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// all is n's children named {space}local.
func (n *node) all(space, local string) []*node {
	var out []*node
	for _, c := range n.Children {
		if c.Name.Space == space && c.Name.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// checker collects problems with a file.
type checker struct {
	file     string
	problems []string
}

func (c *checker) errorf(format string, args ...any) {
	c.problems = append(c.problems, c.file+": "+fmt.Sprintf(format, args...))
}

// one is the single child {space}local of n, which where names; it
// reports a problem and returns nil when there is none or more than one.
func (c *checker) one(n *node, space, local, where string) *node {
	all := n.all(space, local)
	if len(all) != 1 {
		c.errorf("%s: %d <%s> elements, want exactly 1", where, len(all), local)
		return nil
	}
	return all[0]
}

// only reports children of n in namespace space not named in allowed.
func (c *checker) only(n *node, space, where string, allowed ...string) {
	for _, ch := range n.Children {
		if ch.Name.Space == space && !slices.Contains(allowed, ch.Name.Local) {
			c.errorf("%s: unexpected element <%s>", where, ch.Name.Local)
		}
	}
}

// absolute reports a value that is not an absolute http(s) URL.
func (c *checker) absolute(where, v string) bool {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.errorf("%s: %q is not an absolute http(s) URL", where, v)
		return false
	}
	return true
}

// onSite reports a URL that does not name a file (and its fragment an id)
// of the site.
func (c *checker) onSite(cr *crawl, where, v string) string {
	if !c.absolute(where, v) {
		return ""
	}
	file, _, internal, err := cr.resolve("", v)
	if !internal {
		c.errorf("%s: %q is not on the site %s", where, v, cr.base)
	} else if err != nil {
		c.errorf("%s: %v", where, err)
	}
	return file
}

// rfc3339 parses an RFC 3339 date-time.
func (c *checker) rfc3339(where, v string) time.Time {
	tm, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		c.errorf("%s: %q is not an RFC 3339 date-time", where, v)
	}
	return tm
}

// TestAtomFeed parses feed.xml and checks it against RFC 4287: an
// atom:feed with one id, title and updated, an author for every entry, a
// self link; each entry with one id (an absolute IRI, unique), title,
// updated and an alternate link to a page (and anchor) of the site; no
// more entries than feed_entries, newest first.
func TestAtomFeed(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		c := &checker{file: "feed.xml"}
		cr := s.crawl()
		root, err := parseXML(s.files["feed.xml"])
		if err != nil {
			t.Fatalf("feed.xml does not parse: %v", err)
		}
		if root.Name.Space != atomNS || root.Name.Local != "feed" {
			t.Fatalf("feed.xml: root is {%s}%s, want {%s}feed", root.Name.Space, root.Name.Local, atomNS)
		}
		c.only(root, atomNS, "feed", "author", "category", "contributor", "generator", "icon", "id", "link", "logo", "rights", "subtitle", "title", "updated", "entry")
		if id := c.one(root, atomNS, "id", "feed"); id != nil {
			c.absolute("feed id", id.Text)
		}
		if title := c.one(root, atomNS, "title", "feed"); title != nil && strings.TrimSpace(title.Text) == "" {
			c.errorf("feed: empty title")
		}
		var feedUpdated time.Time
		if u := c.one(root, atomNS, "updated", "feed"); u != nil {
			feedUpdated = c.rfc3339("feed updated", u.Text)
		}
		feedAuthor := len(root.all(atomNS, "author")) > 0
		for _, a := range root.all(atomNS, "author") {
			c.one(a, atomNS, "name", "feed author")
		}
		self := false
		for _, l := range root.all(atomNS, "link") {
			rel, _ := l.attr("rel")
			href, ok := l.attr("href")
			if !ok {
				c.errorf("feed: a link without href")
				continue
			}
			switch rel {
			case "self":
				self = true
				if href != s.base+"feed.xml" {
					c.errorf("feed: self link %q, want %q", href, s.base+"feed.xml")
				}
			case "", "alternate":
				c.onSite(cr, "feed alternate link", href)
			}
		}
		if !self {
			c.errorf("feed: no rel=self link")
		}
		entries := root.all(atomNS, "entry")
		ids := map[string]bool{}
		var latest, prev time.Time
		for i, e := range entries {
			where := fmt.Sprintf("entry %d", i+1)
			c.only(e, atomNS, where, "author", "category", "content", "contributor", "id", "link", "published", "rights", "source", "summary", "title", "updated")
			if id := c.one(e, atomNS, "id", where); id != nil {
				where += " " + id.Text
				c.absolute(where+" id", id.Text)
				if ids[id.Text] {
					c.errorf("%s: duplicate id", where)
				}
				ids[id.Text] = true
			}
			if title := c.one(e, atomNS, "title", where); title != nil && strings.TrimSpace(title.Text) == "" {
				c.errorf("%s: empty title", where)
			}
			if u := c.one(e, atomNS, "updated", where); u != nil {
				tm := c.rfc3339(where+" updated", u.Text)
				if tm.After(latest) {
					latest = tm
				}
				// Entries are newest first by when they happened
				// (published); updated may be later, after a correction.
				order := tm
				if ps := e.all(atomNS, "published"); len(ps) == 1 {
					order = c.rfc3339(where+" published", ps[0].Text)
					if tm.Before(order) {
						c.errorf("%s: updated %s is before published %s", where, u.Text, ps[0].Text)
					}
				}
				if i > 0 && order.After(prev) {
					c.errorf("%s: %s is after the entry before it: not newest first", where, order.Format(time.RFC3339))
				}
				prev = order
			}
			if !feedAuthor && len(e.all(atomNS, "author")) == 0 {
				c.errorf("%s: no author, and the feed has none", where)
			}
			alternate := false
			for _, l := range e.all(atomNS, "link") {
				if rel, _ := l.attr("rel"); rel == "" || rel == "alternate" {
					href, _ := l.attr("href")
					c.onSite(cr, where+" link", href)
					alternate = true
				}
			}
			if !alternate && len(e.all(atomNS, "content")) == 0 {
				c.errorf("%s: neither content nor an alternate link", where)
			}
			if len(e.all(atomNS, "summary")) > 1 || len(e.all(atomNS, "content")) > 1 {
				c.errorf("%s: more than one summary or content", where)
			}
		}
		if len(entries) == 0 {
			c.errorf("no entries")
		}
		if len(entries) > 0 && !feedUpdated.Equal(latest) {
			c.errorf("feed updated %v, want the latest entry's %v", feedUpdated, latest)
		}
		if max := feedEntries(t, s); len(entries) > max {
			c.errorf("%d entries, more than feed_entries %d", len(entries), max)
		}
		report(t, "Atom feed", c.problems)
		t.Logf("%d entries", len(entries))
	})
}

// TestSitemap parses sitemap.xml and checks it against sitemaps.org 0.9:
// a urlset of url elements, each with one absolute loc under the base URL
// naming a page of the site, optional lastmod, changefreq and priority of
// the allowed forms; or, past the protocol's limits, a sitemapindex whose
// locs name such urlsets of the site. Every HTML page but 404.html is
// listed once; each file is under 50,000 URLs and 50 MB. robots.txt names
// sitemap.xml.
func TestSitemap(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		c := &checker{file: "sitemap.xml"}
		cr := s.crawl()
		root, err := parseXML(s.files["sitemap.xml"])
		if err != nil {
			t.Fatalf("sitemap.xml does not parse: %v", err)
		}
		listed := map[string]bool{}
		parts := 0
		switch {
		case root.Name.Space == sitemapNS && root.Name.Local == "urlset":
			checkURLSet(c, cr, root, len(s.files["sitemap.xml"]), listed)
		case root.Name.Space == sitemapNS && root.Name.Local == "sitemapindex":
			c.only(root, sitemapNS, "sitemapindex", "sitemap")
			for i, sm := range root.all(sitemapNS, "sitemap") {
				where := fmt.Sprintf("sitemap %d", i+1)
				c.only(sm, sitemapNS, where, "loc", "lastmod")
				loc := c.one(sm, sitemapNS, "loc", where)
				if loc == nil {
					continue
				}
				file := c.onSite(cr, where+" loc", strings.TrimSpace(loc.Text))
				b, ok := s.files[file]
				if !ok {
					continue
				}
				parts++
				pc := &checker{file: file}
				part, err := parseXML(b)
				if err != nil {
					pc.errorf("does not parse: %v", err)
				} else if part.Name.Space != sitemapNS || part.Name.Local != "urlset" {
					pc.errorf("root is {%s}%s, want {%s}urlset", part.Name.Space, part.Name.Local, sitemapNS)
				} else {
					checkURLSet(pc, cr, part, len(b), listed)
				}
				c.problems = append(c.problems, pc.problems...)
			}
		default:
			t.Fatalf("sitemap.xml: root is {%s}%s, want {%s}urlset or sitemapindex", root.Name.Space, root.Name.Local, sitemapNS)
		}
		for _, p := range s.pages() {
			// Pages that ask not to be indexed (embeds) are not listed.
			noindex := strings.Contains(string(s.files[p]), `<meta name="robots" content="noindex">`)
			if listed[p] && noindex {
				c.errorf("page %s is listed, but asks not to be indexed", p)
			}
			if !listed[p] && path.Base(p) != "404.html" && !noindex { // a 404 page in each language
				c.errorf("page %s is not listed", p)
			}
		}
		if !strings.Contains(string(s.files["robots.txt"]), "Sitemap: "+s.base+"sitemap.xml\n") {
			c.errorf("robots.txt does not name it: %q", s.files["robots.txt"])
		}
		report(t, "sitemap", c.problems)
		t.Logf("%d URLs (%d sitemap files under an index)", len(listed), parts)
	})
}

// checkURLSet checks a urlset of size bytes, and adds the pages it lists
// to listed.
func checkURLSet(c *checker, cr *crawl, root *node, size int, listed map[string]bool) {
	c.only(root, sitemapNS, "urlset", "url")
	urls := root.all(sitemapNS, "url")
	if len(urls) > 50000 || size > 50<<20 {
		c.errorf("%d URLs, %d bytes: over the sitemaps.org limits (50,000 URLs, 50 MB)", len(urls), size)
	}
	base := cr.base.String()
	for i, u := range urls {
		where := fmt.Sprintf("url %d", i+1)
		c.only(u, sitemapNS, where, "loc", "lastmod", "changefreq", "priority")
		loc := c.one(u, sitemapNS, "loc", where)
		if loc == nil {
			continue
		}
		v := strings.TrimSpace(loc.Text)
		if len(v) >= 2048 {
			c.errorf("%s: loc of %d characters", where, len(v))
		}
		if !strings.HasPrefix(v, base) {
			c.errorf("%s: loc %q is not under the base URL %s", where, v, base)
		}
		file := c.onSite(cr, where+" loc", v)
		if file != "" && !strings.HasSuffix(file, ".html") {
			c.errorf("%s: loc %q is not a page", where, v)
		}
		if listed[file] {
			c.errorf("%s: %q listed twice", where, v)
		}
		listed[file] = true
		for _, lm := range u.all(sitemapNS, "lastmod") {
			if !w3cDate(strings.TrimSpace(lm.Text)) {
				c.errorf("%s: lastmod %q is not a W3C date", where, lm.Text)
			}
		}
		for _, cf := range u.all(sitemapNS, "changefreq") {
			if !slices.Contains([]string{"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}, strings.TrimSpace(cf.Text)) {
				c.errorf("%s: changefreq %q", where, cf.Text)
			}
		}
		for _, p := range u.all(sitemapNS, "priority") {
			if f, err := strconv.ParseFloat(strings.TrimSpace(p.Text), 64); err != nil || f < 0 || f > 1 {
				c.errorf("%s: priority %q", where, p.Text)
			}
		}
	}
}

// w3cDate says whether v is a W3C datetime as sitemaps.org allows.
func w3cDate(v string) bool {
	for _, layout := range []string{"2006-01-02", time.RFC3339} {
		if _, err := time.Parse(layout, v); err == nil {
			return true
		}
	}
	return false
}

func TestParseXMLRejectsMalformed(t *testing.T) {
	for _, bad := range []string{"", "<a>", "<a></b>", "<a/><b/>", "<a>&nbsp;</a>", "<a/>text"} {
		if _, err := parseXML([]byte(bad)); err == nil {
			t.Errorf("parseXML(%q) did not fail", bad)
		}
	}
}
