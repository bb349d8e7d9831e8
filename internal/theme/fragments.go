package theme

import (
	"html/template"
	"sync"
)

// Fragments are the theme's "cached" parts of pages, such as the header,
// as rendered in the build under way: the Memo of every build, one-shot
// or not. The zero value is empty and ready; pages render in parallel, so
// it locks.
type Fragments struct {
	mu   sync.Mutex
	html map[[2]string]template.HTML
}

// Reset forgets every fragment, for a new build: a fragment's key names
// the kind of page, not the site's data, which may have changed.
func (f *Fragments) Reset() {
	f.mu.Lock()
	f.html = nil
	f.mu.Unlock()
}

// Fragment gives the HTML kept for template name under key.
func (f *Fragments) Fragment(name, key string) (template.HTML, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.html[[2]string{name, key}]
	return h, ok
}

// Keep keeps the HTML of template name under key.
func (f *Fragments) Keep(name, key string, h template.HTML) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.html == nil {
		f.html = map[[2]string]template.HTML{}
	}
	f.html[[2]string{name, key}] = h
}
