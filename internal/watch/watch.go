// Package watch reports changes to a site's files: content/ at any depth
// (including folders created later), templates/, static/ and
// timeline.yaml. Changes that come in a burst, such as a git checkout,
// are reported together as one Batch.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watched are the paths of a site that are watched, relative to its root.
var Watched = []string{"content", "templates", "static", "i18n", "timeline.yaml"}

// Batch is a set of changed paths, slash-separated and relative to the
// site root, sorted.
type Batch []string

// Options configure a Watcher.
type Options struct {
	// Quiet is how long the files must be still before a batch is
	// reported (default 5ms); MaxDelay caps the wait during a long burst
	// (default 1s).
	Quiet, MaxDelay time.Duration
	// Poll scans the folders every PollInterval (default 300ms) instead of
	// asking the OS, for network and container file systems.
	Poll         bool
	PollInterval time.Duration
}

// Watcher watches one site.
type Watcher struct {
	root    string
	opts    Options
	batches chan Batch
	errs    chan error
	done    chan struct{}
	stopped chan struct{}
}

// ErrTooManyWatches is returned when the OS has no inotify watches left.
var ErrTooManyWatches = errors.New("the system's limit of watched folders is reached: raise it with\n" +
	"  sudo sysctl fs.inotify.max_user_watches=524288\n" +
	"or run with --poll")

// New starts watching root.
func New(root string, opts Options) (*Watcher, error) {
	if opts.Quiet == 0 {
		// An editor's save is over in well under a millisecond (a
		// truncate and a write, or a temporary file renamed over the
		// article): the wait is every save's, a tenth of serve's at
		// 10,000 articles with 10ms. A save caught halfway is built
		// again as its last change comes.
		opts.Quiet = 5 * time.Millisecond
	}
	if opts.MaxDelay == 0 {
		opts.MaxDelay = time.Second
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 300 * time.Millisecond
	}
	w := &Watcher{
		root:    root,
		opts:    opts,
		batches: make(chan Batch, 1),
		errs:    make(chan error, 1),
		done:    make(chan struct{}),
		stopped: make(chan struct{}),
	}
	raw := make(chan string, 256)
	var source func() error
	if opts.Poll {
		p := &poller{root: root, interval: opts.PollInterval}
		p.snapshot = p.scan()
		source = func() error { return p.run(raw, w.done) }
	} else {
		n, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, watchError(err)
		}
		nw := &notifier{root: root, fs: n, dirs: map[string]bool{}}
		if err := nw.addTree(root, false); err != nil {
			n.Close()
			return nil, err
		}
		source = func() error { return nw.run(raw, w.done) }
	}
	go func() {
		if err := source(); err != nil {
			w.report(err)
		}
	}()
	go w.coalesce(raw)
	return w, nil
}

// Batches delivers the changes.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems that do not stop the watching.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching.
func (w *Watcher) Close() error {
	select {
	case <-w.done:
	default:
		close(w.done)
	}
	<-w.stopped
	return nil
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default: // an error is already waiting to be read
	}
}

// coalesce gathers raw changes into batches: a batch is sent once no
// change came for Quiet, or MaxDelay after its first change.
func (w *Watcher) coalesce(raw <-chan string) {
	defer close(w.stopped)
	pending := map[string]bool{}
	var quiet, deadline <-chan time.Time
	flush := func() {
		batch := make(Batch, 0, len(pending))
		for p := range pending {
			batch = append(batch, p)
		}
		slices.Sort(batch)
		clear(pending)
		quiet, deadline = nil, nil
		select {
		case w.batches <- batch:
		case <-w.done:
		}
	}
	for {
		select {
		case <-w.done:
			return
		case p := <-raw:
			if len(pending) == 0 {
				deadline = time.After(w.opts.MaxDelay)
			}
			pending[p] = true
			quiet = time.After(w.opts.Quiet)
		case <-quiet:
			flush()
		case <-deadline:
			flush()
		}
	}
}

// Ignored reports editor temporary and backup files, and hidden files.
func Ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || // .#lock, .swp, .DS_Store
		strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || strings.HasSuffix(base, ".swo") ||
		strings.HasSuffix(base, ".tmp") ||
		base == "4913" || // vim's write test
		strings.Contains(base, "___jb_") || // JetBrains safe write
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#") || // emacs auto-save
		sedTemp(base)
}

// sedTemp reports sed -i's temporary file: "sed" and six letters or
// digits, renamed over the file when sed is done.
func sedTemp(base string) bool {
	if len(base) != 9 || !strings.HasPrefix(base, "sed") {
		return false
	}
	for _, c := range base[3:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// relevant reports whether rel (slash, relative to the root) is watched.
func relevant(rel string) bool {
	if rel == "." || rel == "" {
		return false
	}
	for _, w := range Watched {
		if rel == w || strings.HasPrefix(rel, w+"/") {
			return !slices.ContainsFunc(strings.Split(rel, "/"), Ignored)
		}
	}
	return false
}

// notifier uses the OS's notifications. fsnotify is not recursive: every
// folder is watched, and folders that appear are added.
//
// A watched folder that is renamed keeps its inotify watch under its old
// name (and fsnotify drops it on IN_MOVE_SELF), with its subfolders under
// their old names too: after a folder rename the whole tree is watched
// afresh, under its new names.
type notifier struct {
	root string
	fs   *fsnotify.Watcher
	dirs map[string]bool // the folders watched, by full path
}

// addTree watches root (only for the top-level names) and every folder
// under the watched folders. With report, the files found are reported as
// changed: they may have been written before the watch began.
func (n *notifier) addTree(dir string, report bool, raw ...chan<- string) error {
	rel, _ := filepath.Rel(n.root, dir)
	rel = filepath.ToSlash(rel)
	if rel != "." && !relevant(rel) {
		return nil
	}
	if err := n.fs.Add(dir); err != nil {
		return watchError(err)
	}
	n.dirs[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // gone already; its removal is reported
	}
	for _, e := range entries {
		child := filepath.Join(dir, e.Name())
		crel := strings.TrimPrefix(rel+"/"+e.Name(), "./")
		if !relevant(crel) {
			continue
		}
		if isDir(child, e) {
			if err := n.addTree(child, report, raw...); err != nil {
				return err
			}
		}
		if report && len(raw) > 0 {
			raw[0] <- crel
		}
	}
	return nil
}

func isDir(p string, e fs.DirEntry) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&fs.ModeSymlink != 0 {
		info, err := os.Stat(p)
		return err == nil && info.IsDir()
	}
	return false
}

// rewatch watches the tree afresh with a new fsnotify watcher and reports
// the files in folders not watched before, such as a renamed folder under
// its new name. The old watcher is closed only once the new one watches
// everything, so no change falls between them.
func (n *notifier) rewatch(raw chan<- string) error {
	fresh, err := fsnotify.NewWatcher()
	if err != nil {
		return watchError(err)
	}
	old, oldDirs := n.fs, n.dirs
	n.fs, n.dirs = fresh, map[string]bool{}
	if err := n.addTree(n.root, false); err != nil {
		old.Close()
		return err
	}
	old.Close()
	var news []string
	for dir := range n.dirs {
		if !oldDirs[dir] {
			news = append(news, dir)
		}
	}
	slices.Sort(news)
	for _, dir := range news {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		rel, _ := filepath.Rel(n.root, dir)
		for _, e := range entries {
			if crel := filepath.ToSlash(filepath.Join(rel, e.Name())); relevant(crel) && !isDir(filepath.Join(dir, e.Name()), e) {
				raw <- crel
			}
		}
	}
	return nil
}

func (n *notifier) run(raw chan<- string, done <-chan struct{}) error {
	defer func() { n.fs.Close() }()
	for {
		select {
		case <-done:
			return nil
		case err := <-n.fs.Errors:
			if err != nil {
				return watchError(err)
			}
		case ev, ok := <-n.fs.Events:
			if !ok {
				return nil
			}
			rel, err := filepath.Rel(n.root, ev.Name)
			if err != nil {
				continue
			}
			rel = filepath.ToSlash(rel)
			if !relevant(rel) {
				continue
			}
			if ev.Has(fsnotify.Rename) && n.dirs[ev.Name] {
				// A watched folder was renamed (or moved away).
				if err := n.rewatch(raw); err != nil {
					return err
				}
			} else if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					// A new folder, perhaps renamed in with files inside.
					if err := n.addTree(ev.Name, true, raw); err != nil {
						return err
					}
				}
			}
			select {
			case raw <- rel:
			case <-done:
				return nil
			}
		}
	}
}

func watchError(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return ErrTooManyWatches
	}
	return fmt.Errorf("watching: %w", err)
}

// poller finds changes by scanning the watched paths.
type poller struct {
	root     string
	interval time.Duration
	snapshot map[string]stamp
}

type stamp struct {
	size int64
	mod  time.Time
	mode fs.FileMode
}

func (p *poller) scan() map[string]stamp {
	files := map[string]stamp{}
	for _, w := range Watched {
		start := filepath.Join(p.root, w)
		filepath.WalkDir(start, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(p.root, path)
			rel = filepath.ToSlash(rel)
			if !relevant(rel) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil {
				files[rel] = stamp{info.Size(), info.ModTime(), info.Mode()}
			}
			return nil
		})
	}
	return files
}

func (p *poller) run(raw chan<- string, done <-chan struct{}) error {
	t := time.NewTicker(p.interval)
	defer t.Stop()
	for {
		select {
		case <-done:
			return nil
		case <-t.C:
		}
		next := p.scan()
		var changed []string
		for name, s := range next {
			if old, ok := p.snapshot[name]; !ok || old != s {
				changed = append(changed, name)
			}
		}
		for name := range p.snapshot {
			if _, ok := next[name]; !ok {
				changed = append(changed, name)
			}
		}
		p.snapshot = next
		slices.Sort(changed)
		for _, name := range changed {
			select {
			case raw <- name:
			case <-done:
				return nil
			}
		}
	}
}
