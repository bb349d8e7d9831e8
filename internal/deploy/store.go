package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/blob/memblob"
	"gocloud.dev/gcerrors"

	// The drivers every build has: a folder, and S3 with the stores that
	// speak its API. Google Cloud Storage's and Azure's are built in with
	// the tags deploy_gcs and deploy_azure (gcs.go, azure.go): they would
	// add 32 and 12 MB to a 50 MB binary (docs/deploy.md).
	_ "gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/s3blob"
)

// Store is where a site is published, seen through what a deploy needs
// of it. Paths are slash-separated, relative to the site's root.
type Store interface {
	Put(ctx context.Context, path string, body []byte, h Headers) error
	// Get fails with an error matching fs.ErrNotExist when path is absent.
	Get(ctx context.Context, path string) ([]byte, error)
	// Delete of an absent path is no error.
	Delete(ctx context.Context, path string) error
	// List gives every object, for a deploy that has no manifest.
	List(ctx context.Context, each func(Object) error) error
	Close() error
}

// Object is a stored file as a listing gives it. MD5 is nil when the
// store does not know it (a folder, an object uploaded in parts).
type Object struct {
	Path string
	Size int64
	MD5  []byte
}

// Open opens the bucket at a target's URL. A folder (file://) is opened
// with metadata=skip, so that it holds exactly the site and no .attrs
// file beside each page, and created when missing, unless dryRun: a
// dry run sees a missing folder as an empty one.
func Open(ctx context.Context, rawURL string, dryRun bool) (Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	folder := ""
	if u.Scheme == "file" {
		q := u.Query()
		if m, ok := q["metadata"]; ok && m[0] != "skip" {
			return nil, fmt.Errorf("%s: a folder target is written with metadata=skip, so that it holds exactly the site; remove metadata=%s", rawURL, m[0])
		}
		q.Set("metadata", "skip")
		if q.Get("create_dir") == "" {
			q.Set("create_dir", "true")
		}
		u.RawQuery = q.Encode()
		folder = filepath.FromSlash(u.Path)
		if _, err := os.Stat(folder); dryRun && errors.Is(err, fs.ErrNotExist) {
			return &bucket{b: memblob.OpenBucket(nil)}, nil
		}
	}
	if tag := missingDriver(u.Scheme); tag != "" {
		return nil, fmt.Errorf("%s: this timelinegen is built without the %s:// driver, which adds much to the binary: build it with go build -tags %s (docs/deploy.md)", rawURL, u.Scheme, tag)
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, err
	}
	return &bucket{b: b, folder: folder}, nil
}

// bucket is a Store over a gocloud.dev bucket.
type bucket struct {
	b *blob.Bucket
	// folder is the target's folder when it is one: a deletion there
	// also removes the folders it leaves empty.
	folder string
}

func (s *bucket) Put(ctx context.Context, p string, body []byte, h Headers) error {
	return s.b.WriteAll(ctx, p, body, &blob.WriterOptions{
		ContentType:     h.ContentType,
		CacheControl:    h.CacheControl,
		ContentEncoding: h.ContentEncoding,
	})
}

func (s *bucket) Get(ctx context.Context, p string) ([]byte, error) {
	b, err := s.b.ReadAll(ctx, p)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, fmt.Errorf("%s: %w", p, fs.ErrNotExist)
	}
	return b, err
}

func (s *bucket) Delete(ctx context.Context, p string) error {
	err := s.b.Delete(ctx, p)
	if gcerrors.Code(err) == gcerrors.NotFound {
		err = nil
	}
	if err == nil && s.folder != "" {
		// A page is a folder's index.html: its folder goes with it.
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			if os.Remove(filepath.Join(s.folder, filepath.FromSlash(dir))) != nil {
				break
			}
		}
	}
	return err
}

func (s *bucket) List(ctx context.Context, each func(Object) error) error {
	it := s.b.List(nil)
	for {
		o, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if o.IsDir || strings.HasSuffix(o.Key, "/") {
			continue
		}
		if err := each(Object{Path: o.Key, Size: o.Size, MD5: o.MD5}); err != nil {
			return err
		}
	}
}

func (s *bucket) Close() error { return s.b.Close() }

// missingDriver is the build tag that adds scheme's driver, when this
// build does not have it.
func missingDriver(scheme string) string {
	switch {
	case scheme == "gs" && !withGCS:
		return "deploy_gcs"
	case scheme == "azblob" && !withAzure:
		return "deploy_azure"
	}
	return ""
}
