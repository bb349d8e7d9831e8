package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/timelinegen/timelinegen/internal/sitefs"
)

// Cache keeps processed images between builds, in a folder, by the hash of
// their source's content and the settings: a rebuild does no image work
// for an image that did not change, wherever it moved. It remembers the
// size and time of each source file it read, so that an unchanged file is
// not even read again. A Cache is safe for concurrent use.
type Cache struct {
	dir    string // "" keeps nothing on disk
	s      Settings
	budget budget // the memory of the images being processed at once

	mu     sync.Mutex
	index  map[string]stamp  // source file → what it was when last read
	images map[string]*Image // by hash
	memory map[string][]byte // files that could not be written to dir
	used   map[string]bool   // hashes asked for since the last Prune
	dirty  bool
	// readOnly takes what dir holds but writes nothing, and keeps no
	// files: for checking a site.
	readOnly bool

	facesOnce sync.Once
	faces     *faces
	facesErr  error
}

// stamp is a source file's size, time and content's SHA-256.
type stamp struct {
	Size  int64     `json:"size"`
	MTime time.Time `json:"mtime"`
	Sum   string    `json:"sum"`
}

const indexFile = "index.json"

// maxCacheFile bounds a file of the cache: its index, an image's
// description, a made image (a few MB at the widest).
const maxCacheFile = 64 << 20

// Open returns the cache in dir for settings s. A dir of "" keeps the
// files in memory for one build.
func Open(dir string, s Settings) *Cache {
	c := &Cache{dir: dir, s: s, budget: newBudget(), index: map[string]stamp{}, images: map[string]*Image{}, memory: map[string][]byte{}, used: map[string]bool{}}
	if dir != "" {
		// The cache is in the site's folder, where a clone can put
		// anything: its files are read as the site's are.
		if b, err := sitefs.ReadFile(filepath.Join(dir, indexFile), maxCacheFile); err == nil {
			_ = json.Unmarshal(b, &c.index) // a damaged index is rebuilt
		}
	}
	return c
}

// OpenReadOnly returns the cache in dir for checking images: what it holds
// is taken, and nothing is written or kept.
func OpenReadOnly(dir string, s Settings) *Cache {
	c := Open(dir, s)
	c.readOnly = true
	return c
}

// Settings are those the cache was opened with.
func (c *Cache) Settings() Settings { return c.s }

// Image returns the processed image of the source file at file (a path
// on disk), processing it unless the cache has it.
func (c *Cache) Image(file string) (*Image, error) {
	// Checked on the open file: a link to /dev/zero or a file of /proc
	// (which says it is empty) is refused before anything is read.
	// The largest file an image of MaxPixels takes, with room for
	// metadata.
	limit := int64(c.s.MaxPixels)*4 + 64<<20
	f, info, err := sitefs.Open(file, limit)
	if tl := (*sitefs.TooLargeError)(nil); errors.As(err, &tl) {
		return nil, problem("the file is %d MB, more than an image of the largest size allowed takes (media: max_pixels in timeline.yaml)", tl.Size>>20)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c.mu.Lock()
	st, ok := c.index[file]
	c.mu.Unlock()
	if ok && st.Size == info.Size() && st.MTime.Equal(info.ModTime()) {
		var sum [32]byte
		if b, err := hex.DecodeString(st.Sum); err == nil && len(b) == 32 {
			copy(sum[:], b)
			if im := c.lookup(c.s.Hash(sum)); im != nil {
				return im, nil
			}
		}
	}
	src, err := sitefs.ReadAll(f, info)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(src)
	c.mu.Lock()
	c.index[file] = stamp{Size: int64(len(src)), MTime: info.ModTime(), Sum: hex.EncodeToString(sum[:])}
	c.dirty = true
	c.mu.Unlock()
	if im := c.lookup(c.s.Hash(sum)); im != nil {
		return im, nil
	}
	give := c.budget.take(src, c.s)
	if c.readOnly {
		defer give()
		return Inspect(src, sum, c.s)
	}
	p, err := Process(src, sum, c.s)
	give()
	if err != nil {
		return nil, err
	}
	c.store(p)
	return &p.Image, nil
}

// lookup finds an image already made, in memory or on disk.
func (c *Cache) lookup(hash string) *Image {
	c.mu.Lock()
	defer c.mu.Unlock()
	if im, ok := c.images[hash]; ok {
		c.used[hash] = true
		return im
	}
	if c.dir == "" {
		return nil
	}
	b, err := sitefs.ReadFile(filepath.Join(c.dir, hash, "meta.json"), maxCacheFile)
	if err != nil {
		return nil
	}
	var im Image
	if json.Unmarshal(b, &im) != nil || im.Hash != hash || len(im.Variants) == 0 {
		return nil
	}
	for _, v := range append(slices.Clone(im.Variants), im.Blur) {
		if info, err := os.Stat(filepath.Join(c.dir, hash, path.Base(v.Name))); err != nil || info.Size() != v.Size {
			return nil // half written: made again
		}
	}
	c.images[hash], c.used[hash] = &im, true
	return &im
}

func (c *Cache) store(p *Processed) {
	if c.readOnly {
		return
	}
	ok := c.dir != ""
	if ok {
		dir := filepath.Join(c.dir, p.Hash)
		ok = os.MkdirAll(dir, 0o755) == nil
		for name, data := range p.Files {
			ok = ok && writeFile(filepath.Join(dir, path.Base(name)), data) == nil
		}
		meta, _ := json.Marshal(&p.Image)
		// The meta file last: its presence says the files are whole.
		ok = ok && writeFile(filepath.Join(dir, "meta.json"), meta) == nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	im := p.Image
	c.images[p.Hash], c.used[p.Hash] = &im, true
	if !ok {
		for name, data := range p.Files {
			c.memory[name] = data
		}
	}
}

func writeFile(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := sitefs.WriteFile(tmp, data); err != nil {
		return err
	}
	if err := sitefs.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// File returns the bytes of a published file, by its name
// ("media/<hash>-960.jpg").
func (c *Cache) File(name string) ([]byte, error) {
	c.mu.Lock()
	data, ok := c.memory[name]
	c.mu.Unlock()
	if ok {
		return data, nil
	}
	return sitefs.ReadFile(c.fileOnDisk(name), maxCacheFile)
}

// fileOnDisk is where the cache keeps a published file (File's name).
func (c *Cache) fileOnDisk(name string) string {
	base := path.Base(name)
	hash, _, _ := cut(base)
	return filepath.Join(c.dir, hash, base)
}

// cardOnDisk is where the cache keeps a share card: every card in one
// folder (cardsFolder), since a folder for each was three more system
// calls a card.
func (c *Cache) cardOnDisk(card Card) string {
	return filepath.Join(c.dir, cardsFolder, card.Hash()+".png")
}

// cardsFolder is the cache's folder of share cards; no image's hash is
// its name.
const cardsFolder = "cards"

func cut(base string) (hash, rest string, ok bool) {
	for i := range len(base) {
		if base[i] == '-' {
			return base[:i], base[i+1:], true
		}
	}
	return base, "", false
}

// Prune removes the images not asked for since the last Prune and the
// share cards whose Hash keepCard does not hold, and the index entries of
// files not read, and saves the index. keepCard is the builder's own
// record: serve keeps the cards of its last build, and should not mark
// them all again on every save.
func (c *Cache) Prune(sources []string, keepCard func(hash string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	keep := make(map[string]bool, len(sources))
	for _, s := range sources {
		keep[s] = true
	}
	for f := range c.index {
		if !keep[f] {
			delete(c.index, f)
			c.dirty = true
		}
	}
	for h := range c.images {
		if !c.used[h] {
			delete(c.images, h)
		}
	}
	for name := range c.memory {
		if h, _, _ := cut(path.Base(name)); !c.used[h] && !keepCard(h) {
			delete(c.memory, name)
		}
	}
	if c.dir != "" && !c.readOnly {
		if entries, err := os.ReadDir(c.dir); err == nil {
			for _, e := range entries {
				if e.IsDir() && e.Name() != cardsFolder && !c.used[e.Name()] {
					os.RemoveAll(filepath.Join(c.dir, e.Name()))
				}
			}
		}
		cards := filepath.Join(c.dir, cardsFolder)
		if entries, err := os.ReadDir(cards); err == nil {
			for _, e := range entries {
				// A card is named by its hash; anything else there is a
				// card a killed build did not finish writing.
				if hash, ok := strings.CutSuffix(e.Name(), ".png"); !ok || !keepCard(hash) {
					os.RemoveAll(filepath.Join(cards, e.Name()))
				}
			}
		}
		if c.dirty {
			if b, err := json.Marshal(c.index); err == nil && os.MkdirAll(c.dir, 0o755) == nil && writeFile(filepath.Join(c.dir, indexFile), b) == nil {
				c.dirty = false
			}
		}
	}
	c.used = map[string]bool{}
}

// CardFile returns the PNG of a share card, drawn unless the cache has it.
func (c *Cache) CardFile(card Card) ([]byte, error) {
	v := card.Variant()
	file := c.cardOnDisk(card)
	c.mu.Lock()
	data, ok := c.memory[v.Name]
	c.mu.Unlock()
	if ok {
		return data, nil
	}
	if c.dir != "" {
		if data, err := sitefs.ReadFile(file, maxCacheFile); err == nil {
			return data, nil
		}
	}
	if c.readOnly {
		return nil, nil // checking: nothing is published
	}
	fs, err := c.cardFaces()
	if err != nil {
		return nil, err
	}
	data, err = card.Draw(fs)
	if err != nil {
		return nil, err
	}
	if !c.writeCard(file, data) {
		c.keepCard(v.Name, data)
	}
	return data, nil
}

// cardFaces are the faces cards are drawn with, made on first use.
func (c *Cache) cardFaces() (*faces, error) {
	c.facesOnce.Do(func() { c.faces, c.facesErr = newFaces() })
	return c.faces, c.facesErr
}

// writeCard writes a card drawn to file, and reports whether it could.
func (c *Cache) writeCard(file string, data []byte) bool {
	if c.dir == "" {
		return false
	}
	if writeFile(file, data) == nil {
		return true
	}
	// The folder is made by the first card, or again if it was removed.
	return os.MkdirAll(filepath.Dir(file), 0o755) == nil && writeFile(file, data) == nil
}

// keepCard keeps a card in memory, for a cache that cannot write it.
func (c *Cache) keepCard(name string, data []byte) {
	c.mu.Lock()
	c.memory[name] = data
	c.mu.Unlock()
}

// CardPath is the file on disk of a share card, drawn unless the cache
// has it; "" when the cache keeps it only in memory, or keeps nothing.
func (c *Cache) CardPath(card Card) (string, error) {
	if c.dir == "" || c.readOnly {
		return "", nil
	}
	file := c.cardOnDisk(card)
	if info, err := os.Lstat(file); err == nil && info.Mode().IsRegular() {
		return file, nil
	}
	name := card.Variant().Name
	c.mu.Lock()
	_, inMemory := c.memory[name]
	c.mu.Unlock()
	if inMemory {
		return "", nil
	}
	fs, err := c.cardFaces()
	if err != nil {
		return "", err
	}
	// The card is written from the drawer's buffer, which the drawer
	// reuses: kept in memory, as CardFile keeps it, it is copied first.
	onDisk := false
	err = card.drawWith(fs, func(data []byte) {
		if onDisk = c.writeCard(file, data); !onDisk {
			c.keepCard(name, bytes.Clone(data))
		}
	})
	if err != nil || !onDisk {
		return "", err
	}
	return file, nil
}

// FilePath is the file on disk of a published file (File's name), or ""
// when the cache keeps it only in memory, or keeps nothing.
func (c *Cache) FilePath(name string) string {
	c.mu.Lock()
	_, inMemory := c.memory[name]
	c.mu.Unlock()
	if c.dir == "" || c.readOnly || inMemory {
		return ""
	}
	return c.fileOnDisk(name)
}
