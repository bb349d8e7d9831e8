package build

// stateTable is a build's files as made or to be made, by name: in the
// order of its products, with an index of their names. A build whose
// products have the names of the last one's, but at a few places (a
// save that moves an entry past another), shares the last one's index
// with those few places noted, and finds each file of the last by its
// place where the name there is the same: at 10,000 articles, a map of
// 33,000 names made again, and looked up for every product, was a fifth
// of a save's rebuild; at 100,000 articles, where most saves moved an
// entry (its title orders it among those of its date), 318,000.
type stateTable struct {
	names  *nameIndex
	states []*pageState // by place; nil where the build did not get to
}

// nameIndex is the names of a build's files, in order, and each one's
// place.
type nameIndex struct {
	names []string
	// place is the place of each of base's names: made for base, the
	// names of an earlier build, and shared by every later build with as
	// many names, for which it holds where the name at that place is
	// still base's. moved holds the places of the others.
	base  []string
	place map[string]int32
	moved map[string]int32
}

// newStateTable is a table of the files named names, in that order,
// none made yet; it shares last's index when last has as many names,
// all but a sixteenth of them base's at the same places.
func newStateTable(names []string, last *stateTable) *stateTable {
	t := &stateTable{states: make([]*pageState, len(names))}
	if last != nil && len(last.names.base) == len(names) {
		x := last.names
		var moved map[string]int32
		for i, name := range names {
			if name == x.base[i] {
				continue
			}
			if moved == nil {
				moved = map[string]int32{}
			}
			if moved[name] = int32(i); len(moved) > len(names)/16 {
				break
			}
		}
		switch {
		case len(moved) > len(names)/16:
			// Too many to note: a new index.
		case len(moved) == 0 && len(x.moved) == 0:
			t.names = x
			return t
		default:
			t.names = &nameIndex{names: names, base: x.base, place: x.place, moved: moved}
			return t
		}
	}
	t.names = &nameIndex{names: names, base: names, place: make(map[string]int32, len(names))}
	for i, n := range names {
		t.names.place[n] = int32(i)
	}
	return t
}

// find gives the place of name.
func (x *nameIndex) find(name string) (int, bool) {
	if i, ok := x.moved[name]; ok {
		return int(i), true
	}
	i, ok := x.place[name]
	if !ok || x.names[i] != name {
		return 0, false
	}
	return int(i), true
}

// shares reports whether t and u have the same names, by place.
func (t *stateTable) shares(u *stateTable) bool { return t != nil && u != nil && t.names == u.names }

// get gives the state of the file name.
func (t *stateTable) get(name string) (*pageState, bool) {
	if t == nil {
		return nil, false
	}
	i, ok := t.names.find(name)
	if !ok || t.states[i] == nil {
		return nil, false
	}
	return t.states[i], true
}

// of gives t's state of the file at place i of u: at the same place when
// the name there is the same (a comparison of two pointers, as the names
// of an output kept from build to build are the same strings).
func (t *stateTable) of(u *stateTable, i int) *pageState {
	if t == nil {
		return nil
	}
	name := u.names.names[i]
	if i < len(t.states) && t.names.names[i] == name {
		return t.states[i]
	}
	st, _ := t.get(name)
	return st
}

// removed calls f with each name of last that t has not.
func (t *stateTable) removed(last *stateTable, f func(name string)) {
	if last == nil || t.shares(last) {
		return
	}
	for i, name := range last.names.names {
		if st := last.states[i]; st == nil {
			continue
		}
		// Only a name not at its place in t may be gone: when the two
		// share a base, the few noted.
		if i < len(t.names.names) && t.names.names[i] == name {
			continue
		}
		if _, ok := t.get(name); !ok {
			f(name)
		}
	}
}

// each calls f with every file's name and state.
func (t *stateTable) each(f func(name string, st *pageState)) {
	if t == nil {
		return
	}
	for i, st := range t.states {
		if st != nil {
			f(t.names.names[i], st)
		}
	}
}

// len is how many files t has.
func (t *stateTable) len() int {
	if t == nil {
		return 0
	}
	return len(t.states)
}
