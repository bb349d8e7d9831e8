package sitecheck

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"
)

// linkAttrs are the attributes whose values the crawler follows.
var linkAttrs = []string{"href", "src", "action", "poster"}

// attrValues is the values of every name="..." attribute in b (the
// templates quote attributes with double quotes). It scans with
// bytes.Index rather than a regexp: this runs over every page of a large
// site, under the race detector in make test.
func attrValues(b []byte, name string) []string {
	var out []string
	for _, sep := range []string{" ", "\n"} {
		pat := []byte(sep + name + `="`)
		rest := b
		for {
			i := bytes.Index(rest, pat)
			if i < 0 {
				break
			}
			rest = rest[i+len(pat):]
			j := bytes.IndexByte(rest, '"')
			if j < 0 {
				break
			}
			out = append(out, html.UnescapeString(string(rest[:j])))
			rest = rest[j:]
		}
	}
	return out
}

// A crawl is what a crawler learned of a built site: its pages' ids and
// links. It works on the files of a build, keyed by slash path, and the
// site's absolute base URL.
type crawl struct {
	base  *url.URL
	files map[string][]byte
	ids   map[string]map[string]bool // page → id → true
	links map[string][]string        // page → its links, as written
	dups  []string                   // repeated ids
}

func newCrawl(files map[string][]byte, base string) *crawl {
	u, err := url.Parse(base)
	if err != nil {
		panic(err)
	}
	c := &crawl{base: u, files: files, ids: map[string]map[string]bool{}, links: map[string][]string{}}
	for file, b := range files {
		if !strings.HasSuffix(file, ".html") {
			continue
		}
		ids := map[string]bool{}
		for _, id := range attrValues(b, "id") {
			if ids[id] {
				c.dups = append(c.dups, fmt.Sprintf("%s: duplicate id %q", file, id))
			}
			ids[id] = true
		}
		c.ids[file] = ids
		for _, a := range linkAttrs {
			c.links[file] = append(c.links[file], attrValues(b, a)...)
		}
	}
	return c
}

// pageURL is the address of a file of the site.
func (c *crawl) pageURL(file string) *url.URL {
	return c.base.ResolveReference(&url.URL{Path: strings.TrimSuffix(file, "index.html")})
}

// resolve says which file of the site a link from page from names (from
// "" for a link that must be absolute), and the fragment. internal is
// false for a link off the site (another host, mailto:); err is set for a
// link to this host outside the base path, to no file, or to a missing
// #fragment.
func (c *crawl) resolve(from, link string) (file, frag string, internal bool, err error) {
	ref, perr := url.Parse(link)
	if perr != nil {
		return "", "", true, fmt.Errorf("link %q does not parse: %v", link, perr)
	}
	var u *url.URL
	if from == "" {
		u = c.base.ResolveReference(ref)
	} else {
		u = c.pageURL(from).ResolveReference(ref)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host != c.base.Host {
		return "", "", false, nil
	}
	if !strings.HasPrefix(u.Path, c.base.Path) {
		return "", "", true, fmt.Errorf("link %q is outside the base path %s", link, c.base.Path)
	}
	file = strings.TrimPrefix(u.Path, c.base.Path)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if _, ok := c.files[file]; !ok {
		if _, dir := c.files[file+"/index.html"]; dir {
			return file, "", true, fmt.Errorf("link %q names a folder without its trailing slash", link)
		}
		return file, "", true, fmt.Errorf("broken link %q: no file %s", link, file)
	}
	frag = u.Fragment
	if frag != "" {
		if ids, isPage := c.ids[file]; isPage && !ids[frag] {
			return file, frag, true, fmt.Errorf("link %q: no id %q on %s", link, frag, file)
		}
	}
	return file, frag, true, nil
}

// check resolves every link of every page, and crawls from the home page:
// every page but the 404 pages must be reachable by links, and none over
// 1 MiB. It returns the problems, sorted.
func (c *crawl) check() []string {
	problems := slices.Clone(c.dups)
	type key struct{ dir, link string }
	type result struct {
		file     string
		internal bool
		err      error
	}
	cache := map[key]result{}
	targets := map[string][]string{} // page → the pages it links to
	for file, links := range c.links {
		dir := path.Dir(file)
		for _, link := range links {
			k := key{dir, link}
			if strings.HasPrefix(link, "/") || strings.HasPrefix(link, "http:") || strings.HasPrefix(link, "https:") {
				k.dir = "" // resolves the same from every page
			}
			r, ok := cache[k]
			if !ok {
				r.file, _, r.internal, r.err = c.resolve(file, link)
				cache[k] = r
			}
			if r.err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", file, r.err))
			} else if r.internal && strings.HasSuffix(r.file, ".html") {
				targets[file] = append(targets[file], r.file)
			}
		}
	}
	seen := map[string]bool{"index.html": true}
	queue := []string{"index.html"}
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		for _, to := range targets[page] {
			if !seen[to] {
				seen[to] = true
				queue = append(queue, to)
			}
		}
	}
	for file := range c.ids {
		if !seen[file] && path.Base(file) != "404.html" { // a 404 page in each language
			problems = append(problems, fmt.Sprintf("%s: no link leads here from the home page", file))
		}
	}
	for file, b := range c.files {
		if strings.HasSuffix(file, ".html") && len(b) > 1<<20 {
			problems = append(problems, fmt.Sprintf("%s: %d bytes, over 1 MiB", file, len(b)))
		}
	}
	sort.Strings(problems)
	return problems
}

// report fails t with up to max problems, and their count.
func report(t *testing.T, what string, problems []string) {
	t.Helper()
	if len(problems) == 0 {
		return
	}
	const max = 60
	shown := problems
	if len(shown) > max {
		shown = shown[:max]
	}
	more := ""
	if len(problems) > max {
		more = fmt.Sprintf("\n... and %d more", len(problems)-max)
	}
	t.Errorf("%s: %d problems:\n%s%s", what, len(problems), strings.Join(shown, "\n"), more)
}

// TestEveryLinkResolves crawls each site: every link on the site's host
// stays under the base path and names a file of the build, every #fragment
// an id on its page, no page repeats an id, every page is reachable from
// the home page, and no page is over 1 MiB.
func TestEveryLinkResolves(t *testing.T) {
	forEachSite(t, func(t *testing.T, s *site) {
		c := s.crawl()
		report(t, "crawl", c.check())
		n := 0
		for _, l := range c.links {
			n += len(l)
		}
		t.Logf("%d pages, %d links", len(c.ids), n)
	})
}

// TestCrawlerFindsBrokenLinks: the crawler itself catches what it should.
func TestCrawlerFindsBrokenLinks(t *testing.T) {
	files := map[string][]byte{
		"index.html":      []byte(`<a href="/t/a/">a</a> <a href="/t/b/">b</a> <a href="/t/a/#x">x</a> <a href="https://other.example/">o</a> <a href="/elsewhere/">e</a> <a href="/t/a">no slash</a>`),
		"a/index.html":    []byte(`<h1 id="y">A</h1> <h2 id="y">again</h2> <a href="../#top">up</a>`),
		"lost/index.html": []byte(`<p id="top">lost</p>`),
	}
	got := newCrawl(files, "http://127.0.0.1/t/").check()
	want := []string{
		`a/index.html: duplicate id "y"`,
		`a/index.html: link "../#top": no id "top" on index.html`,
		`index.html: broken link "/t/b/": no file b/index.html`,
		`index.html: link "/elsewhere/" is outside the base path /t/`,
		`index.html: link "/t/a" names a folder without its trailing slash`,
		`index.html: link "/t/a/#x": no id "x" on a/index.html`,
		`lost/index.html: no link leads here from the home page`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
