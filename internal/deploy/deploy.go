// Package deploy publishes a built site to a bucket (S3 and the stores
// that speak its API, Google Cloud Storage, Azure Blob Storage) or a
// folder, sending only what changed, and tells a CDN to forget exactly
// that.
//
// A deploy compares the build with the manifest kept in the target (one
// object of every published file's digest) rather than listing the
// bucket, so that a one-article edit of a 200,000-file site makes a few
// dozen requests. It sends files in an order readers never see broken:
//
//  1. the pending list (what this deploy is about to change);
//  2. assets (css, js, media, data, search shards, oEmbed): nothing
//     published links to a new one yet;
//  3. new pages, then changed pages, which link to those assets and to
//     each other;
//  4. feeds, sitemaps and robots.txt, which link to pages;
//  5. the manifest;
//  6. deletions of what the build no longer has, nothing linking to it;
//  7. the pending list is removed, and the CDN told what changed.
//
// A deploy stopped anywhere (a network failure, kill -9) leaves the
// published pages linking only to files that exist, since a group starts
// only when the one before it is complete, and the next deploy finishes
// the job: the pending list tells it which files the manifest no longer
// vouches for.
package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/timelinegen/timelinegen/internal/config"
	"github.com/timelinegen/timelinegen/internal/output"
	"golang.org/x/sync/errgroup"
)

// Options are what a deploy publishes, where, and how carefully.
type Options struct {
	Dir    string // the built site
	Config config.Deploy
	Store  Store
	CDN    Invalidator // nil: no CDN
	DryRun bool
	// Confirm allows more than MaxDeletes deletions.
	Confirm    bool
	MaxDeletes int
	Workers    int           // files sent at once; 16 when 0
	Retries    int           // further tries of a failed request; 4 when 0, none when < 0
	Backoff    time.Duration // the wait before the first retry, doubling; 500ms when 0
	// Log gets one line per step; Progress each file done in a step.
	Log      func(string)
	Progress func(step string, done, total int)
}

// Group is a step of the uploads, in the order they are sent.
type Group int

const (
	Assets Group = iota
	NewPages
	Pages
	Feeds
)

var groupNames = [...]string{"assets", "new pages", "pages", "feeds and sitemaps"}

func (g Group) String() string { return groupNames[g] }

// File is a file of the build to upload.
type File struct {
	Path    string
	Size    int64
	Headers Headers
	Group   Group
}

// Plan is what a deploy sends and deletes.
type Plan struct {
	Files  int   // in the build
	Bytes  int64 // in the build
	Upload []File
	// UploadBytes is what Upload sends, before compression.
	UploadBytes int64
	Delete      []string
	// Invalidate is what a CDN would be told: planned whether or not
	// the target has one, so that a dry run can show it.
	Invalidate []string
	// FromListing is set when the target had no usable manifest and the
	// plan comes from listing it and comparing contents.
	FromListing bool
}

// Result is what a deploy did.
type Result struct {
	Plan
	Uploaded    []string
	SentBytes   int64 // as sent, compressed or not
	Deleted     []string
	Invalidated []string
	// Undone is what was left undone, one line each; a deploy with any
	// is to be run again.
	Undone   []string
	Warnings []string
}

// ErrTooManyDeletes stops a deploy, before it changes anything, that
// would delete more than MaxDeletes files without Confirm.
// ErrNotBuild is a source folder that timelinegen build did not make.
var ErrNotBuild = errors.New("is not a build")

var ErrTooManyDeletes = errors.New("too many deletions")

// local is a file of the build with its digest.
type local struct {
	File
	digest string
}

// Deploy publishes o.Dir to o.Store. Errors that stop it before it
// starts are returned; what fails once it has started is in Result.Undone.
func Deploy(ctx context.Context, o Options) (Result, error) {
	o.defaults()
	var r Result
	files, err := scan(ctx, o)
	if err != nil {
		return r, err
	}
	for _, f := range files {
		r.Files++
		r.Bytes += f.Size
	}
	remote, pendingPaths, err := o.remoteState(ctx, &r)
	if err != nil {
		return r, err
	}
	o.plan(ctx, files, remote, &r)
	if len(r.Delete) > o.MaxDeletes && !o.Confirm {
		return r, fmt.Errorf("%w: the build no longer has %d files that are in the target, more than --max-deletes %d; check that --dest is the whole site, then pass --confirm (or a larger --max-deletes)",
			ErrTooManyDeletes, len(r.Delete), o.MaxDeletes)
	}
	if o.DryRun {
		return r, nil
	}
	stale := r.FromListing || len(pendingPaths) > 0
	if len(r.Upload) == 0 && len(r.Delete) == 0 && !stale {
		return r, nil
	}

	// 1. What is about to change, so that an interrupted deploy is
	// finished by the next one.
	willChange := slices.Clone(pendingPaths)
	for _, f := range r.Upload {
		willChange = append(willChange, f.Path)
	}
	willChange = append(willChange, r.Delete...)
	if err := o.retry(ctx, func() error {
		return o.Store.Put(ctx, PendingFile, encodePending(willChange), Headers{ContentType: "application/json", CacheControl: "no-store"})
	}); err != nil {
		r.Undone = append(r.Undone, fmt.Sprintf("everything: cannot write %s: %v", PendingFile, err))
		return r, nil
	}

	// 2–4. The uploads, a group at a time.
	for g := Assets; g <= Feeds; g++ {
		var group []File
		for _, f := range r.Upload {
			if f.Group == g {
				group = append(group, f)
			}
		}
		if len(group) == 0 {
			continue
		}
		o.logf("uploading %s: %d files, %s", g, len(group), Bytes(sizeOf(group)))
		if !o.uploadAll(ctx, g.String(), group, &r) {
			left := len(r.Upload) - len(r.Uploaded)
			r.Undone = append(r.Undone, fmt.Sprintf("%d uploads (the failed ones and every group after %s), the manifest and %d deletions: run deploy again", left, g, len(r.Delete)))
			return r, nil
		}
	}

	// 5. The manifest, now that every file it lists is in place.
	digests := make(map[string]string, len(files))
	for _, f := range files {
		digests[f.Path] = f.digest
	}
	if err := o.retry(ctx, func() error {
		return o.Store.Put(ctx, ManifestFile, encodeManifest(digests), Headers{ContentType: "application/gzip", CacheControl: "no-store"})
	}); err != nil {
		r.Undone = append(r.Undone, fmt.Sprintf("the manifest %s and %d deletions: %v", ManifestFile, len(r.Delete), err))
		return r, nil
	}

	// 6. Deletions, once nothing published links to what goes.
	if len(r.Delete) > 0 {
		o.logf("deleting %d files", len(r.Delete))
		o.deleteAll(ctx, &r)
	}
	if len(r.Undone) == 0 {
		if err := o.retry(ctx, func() error { return o.Store.Delete(ctx, PendingFile) }); err != nil {
			r.Warnings = append(r.Warnings, fmt.Sprintf("cannot remove %s: the next deploy sends its %d files again: %v", PendingFile, len(willChange), err))
		}
	}

	// 7. The CDN forgets what changed.
	if o.CDN != nil && len(r.Uploaded)+len(r.Deleted) > 0 {
		paths := InvalidationPaths(append(slices.Clone(r.Uploaded), r.Deleted...), o.Config.InvalidateMax)
		if err := o.retry(ctx, func() error { return o.CDN.Invalidate(ctx, paths) }); err != nil {
			r.Undone = append(r.Undone, fmt.Sprintf("the CDN invalidation of %d paths: %v", len(paths), err))
		} else {
			r.Invalidated = paths
		}
	}
	return r, nil
}

func (o *Options) defaults() {
	if o.Workers <= 0 {
		o.Workers = 16
	}
	if o.Retries == 0 {
		o.Retries = 4
	}
	if o.Backoff == 0 {
		o.Backoff = 500 * time.Millisecond
	}
	if o.Config.InvalidateMax == 0 {
		o.Config.InvalidateMax = config.DefaultInvalidateMax
	}
	if o.Log == nil {
		o.Log = func(string) {}
	}
}

func (o *Options) logf(format string, args ...any) { o.Log(fmt.Sprintf(format, args...)) }

// retry runs f until it succeeds, retrying with back-off.
func (o *Options) retry(ctx context.Context, f func() error) error {
	wait := o.Backoff
	for i := 0; ; i++ {
		err := f()
		if err == nil || i >= o.Retries || ctx.Err() != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// scan reads the build: every file's path, size, headers and digest.
func scan(ctx context.Context, o Options) ([]local, error) {
	if _, err := os.Stat(filepath.Join(o.Dir, output.Marker)); err != nil {
		return nil, fmt.Errorf("%s %w (it has no %s): run timelinegen build first", o.Dir, ErrNotBuild, output.Marker)
	}
	var files []local
	err := filepath.WalkDir(o.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(o.Dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == output.Marker || rel == ManifestFile || rel == PendingFile {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a regular file", p)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, local{File: File{Path: rel, Size: info.Size(), Headers: HeadersFor(rel, info.Size(), o.Config)}})
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b local) int { return strings.Compare(a.Path, b.Path) })
	err = parallel(ctx, o.Workers, len(files), func(i int) error {
		f := &files[i]
		b, err := os.ReadFile(filepath.Join(o.Dir, filepath.FromSlash(f.Path)))
		if err != nil {
			return err
		}
		f.digest = digest(b, f.Headers)
		return nil
	})
	return files, err
}

// digest is the sum of a file's content and the headers it is served
// with: a change of either is a change to publish.
func digest(content []byte, h Headers) string {
	s := sha256.New()
	s.Write(content)
	fmt.Fprintf(s, "\x00%s\x00%s\x00%s", h.ContentType, h.CacheControl, h.ContentEncoding)
	return base64.RawURLEncoding.EncodeToString(s.Sum(nil)[:18])
}

// remote is the target as the last deploy left it: each path's digest,
// or, without a manifest, each object as listed.
type remote struct {
	digests map[string]string
	// pending are the paths a cut-short deploy may have changed: whatever
	// the manifest says of them, they are sent (or deleted) again.
	pending map[string]bool
	listed  map[string]Object
}

func (o *Options) remoteState(ctx context.Context, r *Result) (remote, []string, error) {
	var pendingPaths []string
	b, err := o.Store.Get(ctx, PendingFile)
	switch {
	case err == nil:
		if pendingPaths, err = decodePending(b); err != nil {
			pendingPaths = nil
			r.Warnings = append(r.Warnings, fmt.Sprintf("%s is damaged (%v): comparing with a listing of the target", PendingFile, err))
			return o.listing(ctx, r, nil)
		}
		r.Warnings = append(r.Warnings, fmt.Sprintf("the last deploy did not finish: sending its %d files again", len(pendingPaths)))
	case !errors.Is(err, fs.ErrNotExist):
		return remote{}, nil, fmt.Errorf("reading %s: %w", PendingFile, err)
	}
	b, err = o.Store.Get(ctx, ManifestFile)
	if errors.Is(err, fs.ErrNotExist) {
		r.Warnings = append(r.Warnings, fmt.Sprintf("the target has no %s (a first deploy?): comparing with a listing of the target", ManifestFile))
		return o.listing(ctx, r, pendingPaths)
	}
	if err != nil {
		return remote{}, nil, fmt.Errorf("reading %s: %w", ManifestFile, err)
	}
	digests, err := decodeManifest(b)
	if err != nil {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%s is damaged (%v): comparing with a listing of the target", ManifestFile, err))
		return o.listing(ctx, r, pendingPaths)
	}
	rem := remote{digests: digests, pending: map[string]bool{}}
	for _, p := range pendingPaths {
		rem.pending[p] = true
	}
	return rem, pendingPaths, nil
}

func (o *Options) listing(ctx context.Context, r *Result, pendingPaths []string) (remote, []string, error) {
	r.FromListing = true
	listed := map[string]Object{}
	err := o.Store.List(ctx, func(obj Object) error {
		if obj.Path != ManifestFile && obj.Path != PendingFile {
			listed[obj.Path] = obj
		}
		return nil
	})
	if err != nil {
		return remote{}, nil, fmt.Errorf("listing the target: %w", err)
	}
	return remote{listed: listed}, pendingPaths, nil
}

// plan compares the build with the target.
func (o *Options) plan(ctx context.Context, files []local, rem remote, r *Result) {
	changed := make([]bool, len(files))
	isNew := make([]bool, len(files))
	if rem.listed == nil {
		for i, f := range files {
			d, ok := rem.digests[f.Path]
			changed[i], isNew[i] = !ok || d != f.digest || rem.pending[f.Path], !ok
		}
	} else {
		// Without a manifest, contents are compared: by the MD5 the
		// listing gives, or else by reading the object when its size
		// is the same.
		_ = parallel(ctx, o.Workers, len(files), func(i int) error {
			f := files[i]
			obj, ok := rem.listed[f.Path]
			if !ok {
				changed[i], isNew[i] = true, true
				return nil
			}
			body, err := o.body(f.File)
			switch {
			case err != nil:
				changed[i] = true
			case obj.MD5 != nil:
				sum := md5.Sum(body)
				changed[i] = !bytes.Equal(sum[:], obj.MD5)
			case obj.Size == int64(len(body)):
				got, err := o.Store.Get(ctx, f.Path)
				changed[i] = err != nil || !bytes.Equal(got, body)
			default:
				changed[i] = true
			}
			return nil
		})
	}
	inBuild := make(map[string]bool, len(files))
	for i, f := range files {
		inBuild[f.Path] = true
		if !changed[i] {
			continue
		}
		f.Group = groupOf(f.Path, isNew[i])
		r.Upload = append(r.Upload, f.File)
		r.UploadBytes += f.Size
	}
	slices.SortStableFunc(r.Upload, func(a, b File) int { return int(a.Group) - int(b.Group) })
	if rem.listed == nil {
		for p := range rem.digests {
			if !inBuild[p] {
				r.Delete = append(r.Delete, p)
			}
		}
		for p := range rem.pending {
			if _, ok := rem.digests[p]; !ok && !inBuild[p] {
				r.Delete = append(r.Delete, p)
			}
		}
	} else {
		for p := range rem.listed {
			if !inBuild[p] {
				r.Delete = append(r.Delete, p)
			}
		}
	}
	slices.Sort(r.Delete)
	paths := make([]string, 0, len(r.Upload)+len(r.Delete))
	for _, f := range r.Upload {
		paths = append(paths, f.Path)
	}
	r.Invalidate = InvalidationPaths(append(paths, r.Delete...), o.Config.InvalidateMax)
}

// groupOf says when a file is sent: pages after the assets they show,
// new pages before the changed pages that link to them, feeds and
// sitemaps after the pages they list.
func groupOf(p string, isNew bool) Group {
	base := path.Base(p)
	switch {
	case strings.HasSuffix(base, ".html") && isNew:
		return NewPages
	case strings.HasSuffix(base, ".html"):
		return Pages
	case strings.HasSuffix(base, ".xml") || base == "feed.json" || base == "robots.txt":
		return Feeds
	}
	return Assets
}

// body is a file of the build as it is sent: gzipped when its headers say so.
func (o *Options) body(f File) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(o.Dir, filepath.FromSlash(f.Path)))
	if err != nil || f.Headers.ContentEncoding != "gzip" {
		return b, err
	}
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return z.Bytes(), nil
}

// uploadAll sends files; it reports whether every one was sent.
func (o *Options) uploadAll(ctx context.Context, step string, files []File, r *Result) bool {
	var mu sync.Mutex
	done, failed := 0, 0
	_ = parallel(ctx, o.Workers, len(files), func(i int) error {
		f := files[i]
		body, err := o.body(f)
		if err == nil {
			err = o.retry(ctx, func() error { return o.Store.Put(ctx, f.Path, body, f.Headers) })
		}
		mu.Lock()
		defer mu.Unlock()
		done++
		if err != nil {
			failed++
			r.Undone = append(r.Undone, fmt.Sprintf("upload %s: %v", f.Path, err))
		} else {
			r.Uploaded = append(r.Uploaded, f.Path)
			r.SentBytes += int64(len(body))
		}
		if o.Progress != nil {
			o.Progress(step, done, len(files))
		}
		return nil
	})
	return failed == 0 && ctx.Err() == nil
}

func (o *Options) deleteAll(ctx context.Context, r *Result) {
	var mu sync.Mutex
	done := 0
	_ = parallel(ctx, o.Workers, len(r.Delete), func(i int) error {
		p := r.Delete[i]
		err := o.retry(ctx, func() error { return o.Store.Delete(ctx, p) })
		mu.Lock()
		defer mu.Unlock()
		done++
		if err != nil {
			r.Undone = append(r.Undone, fmt.Sprintf("delete %s: %v", p, err))
		} else {
			r.Deleted = append(r.Deleted, p)
		}
		if o.Progress != nil {
			o.Progress("deletions", done, len(r.Delete))
		}
		return nil
	})
}

// parallel runs f(0) … f(n-1) on workers goroutines; it stops taking new
// work at the first error or when ctx is done, and returns that error.
func parallel(ctx context.Context, workers, n int, f func(i int) error) error {
	g, stopped := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i := range n {
		if stopped.Err() != nil {
			break
		}
		g.Go(func() error { return f(i) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

func sizeOf(files []File) int64 {
	var n int64
	for _, f := range files {
		n += f.Size
	}
	return n
}

// Bytes is a size as people read it: 1.2 MB.
func Bytes(n int64) string {
	switch {
	case n >= 1e9:
		return fmt.Sprintf("%.1f GB", float64(n)/1e9)
	case n >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case n >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}
