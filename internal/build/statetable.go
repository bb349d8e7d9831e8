package build

import "slices"

// stateTable is a build's files as made or to be made, by name: in the
// order of its products, with an index of their names. A build whose
// products have the same names as the last one's (a save that moves no
// page) shares the last one's index, and finds each file of the last by
// its place: at 10,000 articles, a map of 33,000 names made again, and
// looked up for every product, was a fifth of a save's rebuild.
type stateTable struct {
	names  *nameIndex
	states []*pageState // by place; nil where the build did not get to
}

// nameIndex is the names of a build's files, in order, and each one's
// place.
type nameIndex struct {
	names []string
	place map[string]int32
}

// newStateTable is a table of the files named names, in that order,
// none made yet; it shares last's index when last has the same names.
func newStateTable(names []string, last *stateTable) *stateTable {
	t := &stateTable{states: make([]*pageState, len(names))}
	if last != nil && slices.Equal(last.names.names, names) {
		t.names = last.names
		return t
	}
	t.names = &nameIndex{names: names, place: make(map[string]int32, len(names))}
	for i, n := range names {
		t.names.place[n] = int32(i)
	}
	return t
}

// shares reports whether t and u have the same names, by place.
func (t *stateTable) shares(u *stateTable) bool { return t != nil && u != nil && t.names == u.names }

// get gives the state of the file name.
func (t *stateTable) get(name string) (*pageState, bool) {
	if t == nil {
		return nil, false
	}
	i, ok := t.names.place[name]
	if !ok || t.states[i] == nil {
		return nil, false
	}
	return t.states[i], true
}

// of gives t's state of the file at place i of u: at the same place when
// they share their names.
func (t *stateTable) of(u *stateTable, i int) *pageState {
	if t.shares(u) {
		return t.states[i]
	}
	st, _ := t.get(u.names.names[i])
	return st
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
