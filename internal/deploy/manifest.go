package deploy

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// The two objects a deploy keeps in the target beside the site.
const (
	// ManifestFile holds the digest of every published file, as the last
	// complete deploy published it: the next deploy compares the build
	// with it instead of listing and reading the bucket.
	ManifestFile = ".timelinegen-manifest.json.gz"
	// PendingFile lists the paths a deploy is changing, written before
	// it changes any: a deploy cut short leaves it, and the next deploy
	// treats those paths as unknown and sends (or deletes) them again,
	// whatever the manifest says of them.
	PendingFile = ".timelinegen-pending.json"
)

// manifestVersion changes when the digests are made differently.
const manifestVersion = 1

type manifest struct {
	Version   int               `json:"version"`
	Generator string            `json:"generator"`
	Files     map[string]string `json:"files"` // path → digest of its content and headers
}

type pending struct {
	Paths []string `json:"paths"`
}

// encodeManifest gzips the manifest: at 200,000 files its digests would
// be tens of megabytes of JSON sent on every deploy.
func encodeManifest(files map[string]string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	enc := json.NewEncoder(zw)
	_ = enc.Encode(manifest{Version: manifestVersion, Generator: "timelinegen", Files: files})
	_ = zw.Close()
	return b.Bytes()
}

func decodeManifest(b []byte) (map[string]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	if m.Version != manifestVersion || m.Files == nil {
		return nil, fmt.Errorf("version %d, not %d", m.Version, manifestVersion)
	}
	return m.Files, nil
}

func encodePending(paths []string) []byte {
	paths = slices.Clone(paths)
	slices.Sort(paths)
	b, _ := json.Marshal(pending{Paths: slices.Compact(paths)})
	return b
}

func decodePending(b []byte) ([]string, error) {
	var p pending
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, err
	}
	return p.Paths, nil
}
