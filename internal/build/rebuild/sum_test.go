package rebuild

import (
	"html/template"
	"strings"
	"testing"

	"github.com/timelinegen/timelinegen/internal/pages"
)

type view struct {
	Title string
	Tags  []string
	Place *place
	Extra any
	n     int // unexported fields count too
}

type place struct{ Name string }

// Every field, element and pointed-to value is in the sum.
func TestSumCoversEveryField(t *testing.T) {
	h := NewHasher()
	base := view{Title: "a", Tags: []string{"x"}, Place: &place{"p"}, Extra: 1, n: 1}
	variants := map[string]view{
		"title":       {Title: "b", Tags: []string{"x"}, Place: &place{"p"}, Extra: 1, n: 1},
		"tag":         {Title: "a", Tags: []string{"y"}, Place: &place{"p"}, Extra: 1, n: 1},
		"no tags":     {Title: "a", Tags: nil, Place: &place{"p"}, Extra: 1, n: 1},
		"empty tags":  {Title: "a", Tags: []string{}, Place: &place{"p"}, Extra: 1, n: 1},
		"place":       {Title: "a", Tags: []string{"x"}, Place: &place{"q"}, Extra: 1, n: 1},
		"no place":    {Title: "a", Tags: []string{"x"}, Extra: 1, n: 1},
		"extra type":  {Title: "a", Tags: []string{"x"}, Place: &place{"p"}, Extra: int64(1), n: 1},
		"unexported":  {Title: "a", Tags: []string{"x"}, Place: &place{"p"}, Extra: 1, n: 2},
		"split tags":  {Title: "a", Tags: []string{"", "x"}, Place: &place{"p"}, Extra: 1, n: 1},
		"long string": {Title: string(make([]byte, 100)), Tags: []string{"x"}, Place: &place{"p"}, Extra: 1, n: 1},
	}
	want := h.Sum(base)
	if again := h.Sum(view{Title: "a", Tags: []string{"x"}, Place: &place{"p"}, Extra: 1, n: 1}); again != want {
		t.Fatal("equal values sum differently")
	}
	seen := map[uint64]string{}
	for name, v := range variants {
		s := h.Sum(v)
		if s == want {
			t.Errorf("%s: sums as the original", name)
		}
		if other, ok := seen[s]; ok {
			t.Errorf("%s sums as %s", name, other)
		}
		seen[s] = name
	}
	if h.Sums("ab", "c") == h.Sums("a", "bc") {
		t.Error(`("ab","c") sums as ("a","bc")`)
	}
}

func TestSumOfMapIsInNoOrder(t *testing.T) {
	h := NewHasher()
	a := map[string]int{"a": 1, "b": 2, "c": 3}
	b := map[string]int{"c": 3, "b": 2, "a": 1}
	if h.Sum(a) != h.Sum(b) {
		t.Error("equal maps sum differently")
	}
	if h.Sum(a) == h.Sum(map[string]int{"a": 1, "b": 2, "c": 4}) {
		t.Error("a changed value is not in the sum")
	}
}

type words map[string]string

// Maps of strings (the fast path) sum by content, in no order; a Shared
// map type sums once per map, equal maps alike.
func TestSumOfStringMaps(t *testing.T) {
	h := NewHasher()
	a := map[string]string{"a": "1", "b": "2", "long": strings.Repeat("x", 100)}
	b := map[string]string{"long": strings.Repeat("x", 100), "b": "2", "a": "1"}
	if h.Sum(a) != h.Sum(b) {
		t.Error("equal maps sum differently")
	}
	if h.Sum(a) == h.Sum(map[string]string{"a": "1", "b": "3", "long": strings.Repeat("x", 100)}) {
		t.Error("a changed value is not in the sum")
	}
	if h.Sum(map[string]string{"ab": "c"}) == h.Sum(map[string]string{"a": "bc"}) {
		t.Error("a pair's key and value run together")
	}
	s := NewHasher(Shared[words]())
	type v struct{ T words }
	w1, w2 := words{"a": "1", "b": "2"}, words{"b": "2", "a": "1"}
	if s.Sum(v{w1}) != s.Sum(v{w2}) || s.Sum(v{w1}) == s.Sum(v{words{"a": "1", "b": "3"}}) {
		t.Error("shared maps do not sum by content")
	}
	first := s.Sum(v{w1})
	w1["a"] = "changed" // never done: a shared map is summed once
	if s.Sum(v{w1}) != first {
		t.Error("a shared map was summed again")
	}
}

// A shared value is summed once per address, for the Hasher's life: the
// values it sums are complete before it is made.
func TestSharedValuesAreSummedByAddress(t *testing.T) {
	h := NewHasher(Shared[place]())
	p := &place{"p"}
	first := h.Sum([]*place{p})
	p.Name = "changed"
	if h.Sum([]*place{p}) != first {
		t.Error("a shared value was summed again")
	}
	if NewHasher(Shared[place]()).Sum([]*place{p}) == first {
		t.Error("a new Hasher kept the old sum")
	}
}

func TestNilHasherSumsNothing(t *testing.T) {
	var h *Hasher
	if h.Sum("a") != 0 || h.Sums(1, 2) != 0 {
		t.Error("a nil Hasher summed")
	}
}

func TestSumRefusesFunctions(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a function was summed")
		}
	}()
	NewHasher().Sum(struct{ F func() }{func() {}})
}

// A sum is the same in every process: a build keeps its pages' keys on
// disk and compares them with the next build's. (A per-process seed, as
// hash/maphash has, fails this.)
func TestSumsAreTheSameInEveryProcess(t *testing.T) {
	type page struct {
		Title string
		Body  string
		N     int
		Tags  map[string]string
	}
	v := page{Title: "Talks in Jeddah", Body: strings.Repeat("words ", 20), N: 3, Tags: map[string]string{"a": "b"}}
	if got, want := NewHasher().Sum(v), uint64(0x7903308db814cf04); got != want {
		t.Errorf("Sum = %#x, want %#x", got, want)
	}
}

// A view's listing card is no state of its own: its version stands for
// it, and a card read back from a file sums as no card.
func TestAListingCardIsNotSummed(t *testing.T) {
	h := NewHasher()
	v := pages.Entry{Slug: "talks", Title: "Talks"}
	card := pages.NewListingCard("<li>put aside</li>")
	card.PutAside(func(template.HTML) (func() template.HTML, bool) {
		return func() template.HTML { return "<li>read back</li>" }, true
	})
	aside := v.WithListingCard(card)
	held := v.WithListingCard(pages.NewListingCard("<li>held</li>"))
	if h.Sum(v) != h.Sum(aside) || h.Sum(v) != h.Sum(held) {
		t.Error("a view sums differently with a card")
	}
	if h.Sum(v) == h.Sum(pages.Entry{Slug: "talks", Title: "Talks ended"}) {
		t.Error("the view's title is not summed")
	}
}
