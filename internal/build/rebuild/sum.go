// Package rebuild knows what changed between two builds of a site. Its
// keys are derived from the values a template receives, never listed by
// hand, so that a field added to a view is covered without anyone
// remembering to.
package rebuild

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"

	"github.com/cespare/xxhash/v2"

	"github.com/timelinegen/timelinegen/internal/pages"
)

// A Hasher sums up values by their whole content: every field, element
// and pointed-to value, through interfaces, by reflection. Two values with
// equal sums are (but for a 2^-64 chance) equal, so a page whose data sums
// as before renders as before. The sums are XXH64, the same in every
// process and on every machine: a build keeps its pages' keys on disk for
// the next build (hash/maphash cannot be seeded the same twice).
//
// Values of the Shared types are reached by pointer from many pages (an
// entry's view is on every listing that shows it): their sums are kept by
// address for the Hasher's life. A Shared map type is summed once per map:
// its maps must not change once summed. A Hasher is made once per build, after
// the values it sums are complete, and is safe for concurrent use.
type Hasher struct {
	shared map[reflect.Type]bool
	mu     sync.RWMutex
	sums   map[memoKey]uint64
	kept   []any // the shared maps summed, kept so that no other takes their address
}

type memoKey struct {
	t reflect.Type
	p uintptr
}

// NewHasher returns a Hasher whose sums are comparable with those of every
// other Hasher, in any process. Pointers to values of shared types are
// summed once.
func NewHasher(shared ...reflect.Type) *Hasher {
	h := &Hasher{shared: map[reflect.Type]bool{}, sums: map[memoKey]uint64{}}
	for _, t := range shared {
		h.shared[t] = true
	}
	return h
}

var listingCard = reflect.TypeFor[*pages.ListingCard]()

// Shared is the type T, for NewHasher.
func Shared[T any]() reflect.Type { return reflect.TypeFor[T]() }

// Sum sums up v. A nil Hasher, of a build no rebuild follows, sums
// nothing: every sum is 0.
func (h *Hasher) Sum(v any) uint64 {
	if h == nil {
		return 0
	}
	w := h.writer()
	w.value(reflect.ValueOf(v))
	return w.m.Sum64()
}

// Sums sums up several values as one.
func (h *Hasher) Sums(vs ...any) uint64 {
	if h == nil {
		return 0
	}
	w := h.writer()
	for _, v := range vs {
		w.value(reflect.ValueOf(v))
	}
	return w.m.Sum64()
}

func (h *Hasher) writer() *writer {
	w := &writer{h: h}
	w.m.Reset()
	return w
}

type writer struct {
	h       *Hasher
	m       xxhash.Digest
	scratch [8]byte
}

func (w *writer) u(v uint64) {
	binary.LittleEndian.PutUint64(w.scratch[:], v)
	w.m.Write(w.scratch[:])
}

// stringSum writes s into m: its length, then s or, when long, its sum
// (the buffered writer would copy it).
func stringSum(m *xxhash.Digest, s string) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
	m.Write(n[:])
	if len(s) > 64 {
		binary.LittleEndian.PutUint64(n[:], xxhash.Sum64String(s))
		m.Write(n[:])
	} else {
		m.WriteString(s)
	}
}

// tag marks what follows, so that values of different shapes cannot sum
// alike (a nil pointer and an empty string, ("ab","c") and ("a","bc")).
func (w *writer) tag(b byte) {
	w.scratch[0] = b
	w.m.Write(w.scratch[:1])
}

func (w *writer) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		w.tag(0)
	case reflect.Bool:
		if v.Bool() {
			w.tag(1)
		} else {
			w.tag(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.u(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.u(v.Uint())
	case reflect.Float32, reflect.Float64:
		w.u(math.Float64bits(v.Float()))
	case reflect.String:
		stringSum(&w.m, v.String())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			w.tag(3)
			return
		}
		n := v.Len()
		w.u(uint64(n))
		if v.Type().Elem().Kind() == reflect.Uint8 && v.CanInterface() {
			if b, ok := v.Interface().([]byte); ok {
				w.u(xxhash.Sum64(b))
				return
			}
		}
		for i := range n {
			w.value(v.Index(i))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			w.value(v.Field(i))
		}
	case reflect.Pointer:
		// A view's listing card is made from the view, which its version
		// sums up: it is no state of its own (and may be read back from
		// a file, which no sum can see).
		if v.IsNil() || v.Type() == listingCard {
			w.tag(4)
			return
		}
		w.tag(5)
		if w.h.shared[v.Type().Elem()] {
			w.u(w.h.shared1(v))
			return
		}
		w.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			w.tag(6)
			return
		}
		e := v.Elem()
		w.m.WriteString(e.Type().String())
		w.value(e)
	case reflect.Map:
		if v.IsNil() {
			w.tag(7)
			return
		}
		if w.h.shared[v.Type()] {
			w.u(w.h.sharedMap(v))
			return
		}
		w.mapValue(v)
	default:
		// A function or channel in a view would be state no sum can see.
		panic(fmt.Sprintf("rebuild: cannot sum a %s", v.Type()))
	}
}

// mapValue sums a map, in no order: the sums of its pairs, sorted.
func (w *writer) mapValue(v reflect.Value) {
	pairs := make([]uint64, 0, v.Len())
	if v.Type().Key().Kind() == reflect.String && v.Type().Elem().Kind() == reflect.String {
		// Strings to strings (the interface strings every view
		// carries): each pair summed as the general case would, with
		// no writer and no reflection per pair.
		var pm xxhash.Digest
		it := v.MapRange()
		for it.Next() {
			pm.Reset()
			stringSum(&pm, it.Key().String())
			stringSum(&pm, it.Value().String())
			pairs = append(pairs, pm.Sum64())
		}
		slices.Sort(pairs)
		w.u(uint64(len(pairs)))
		for _, p := range pairs {
			w.u(p)
		}
		return
	}
	it := v.MapRange()
	for it.Next() {
		pw := w.h.writer()
		pw.value(it.Key())
		pw.value(it.Value())
		pairs = append(pairs, pw.m.Sum64())
	}
	slices.SortFunc(pairs, cmp.Compare)
	w.u(uint64(len(pairs)))
	for _, p := range pairs {
		w.u(p)
	}
}

// sharedMap sums a map of a Shared map type once per map: such a map is
// never changed once made (the interface strings every view carries). The
// Hasher keeps it, so that its address is never another map's.
func (h *Hasher) sharedMap(m reflect.Value) uint64 {
	return h.memo(memoKey{m.Type(), uintptr(m.UnsafePointer())}, m.Interface(), func(w *writer) { w.mapValue(m) })
}

// shared1 sums the value p points to, once per address.
func (h *Hasher) shared1(p reflect.Value) uint64 {
	return h.memo(memoKey{p.Type(), p.Pointer()}, nil, func(w *writer) { w.value(p.Elem()) })
}

// memo is the sum write makes, made once per key; keep, when not nil, is
// held so that its address stays its own.
func (h *Hasher) memo(k memoKey, keep any, write func(w *writer)) uint64 {
	h.mu.RLock()
	s, ok := h.sums[k]
	h.mu.RUnlock()
	if ok {
		return s
	}
	w := h.writer()
	write(w)
	s = w.m.Sum64()
	h.mu.Lock()
	h.sums[k] = s
	if keep != nil {
		h.kept = append(h.kept, keep)
	}
	h.mu.Unlock()
	return s
}
