package build

import (
	"slices"
	"strings"

	"github.com/timelinegen/timelinegen/internal/diag"
	"github.com/timelinegen/timelinegen/internal/pages"
)

// staticClashes warns of the static files that are not published because
// the site makes a file of that name, and of output names that differ
// only in case, of which hosts that ignore case (macOS, Windows, many
// upload tools) keep one. generated are the files the site makes; a name
// ending in "/" is a folder of them.
func staticClashes(static, generated []string) diag.List {
	var ds diag.List
	made := make(map[string]bool, len(generated))
	var folders []string
	for _, g := range generated {
		if strings.HasSuffix(g, "/") {
			folders = append(folders, g)
		}
		made[g] = true
	}
	byFold := make(map[string]string, len(generated)+len(static))
	for _, g := range generated {
		byFold[strings.ToLower(g)] = g
	}
	for _, name := range slices.Sorted(slices.Values(static)) {
		if made[name] {
			ds.Warnf("static/"+name, 0, 0, "not published: the site makes %s itself; rename or remove the static file", name)
			continue
		}
		if i := slices.IndexFunc(folders, func(f string) bool { return strings.HasPrefix(name, f) }); i >= 0 {
			ds.Warnf("static/"+name, 0, 0, "not published: the site makes the folder %s itself; move the static file out of it", folders[i])
			continue
		}
		fold := strings.ToLower(name)
		if other, ok := byFold[fold]; ok {
			ds.Warnf("static/"+name, 0, 0, "differs from %s only in case: a host that ignores case keeps only one of them; rename one", other)
			continue
		}
		byFold[fold] = name
	}
	return ds
}

// clashes are staticClashes of s.
func (s *Site) clashes() diag.List {
	specs := s.Planner.Pages()
	return staticClashes(s.Theme.Static(), generatedNames(specs, s.exports(specs, nil)))
}

// generatedNames are the names of the files, and folders of files, that
// specs and exports make.
func generatedNames(specs []pages.Spec, exports []exportSpec) []string {
	names := make([]string, 0, len(specs)+len(exports))
	for _, sp := range specs {
		names = append(names, sp.File)
	}
	for _, x := range exports {
		names = append(names, x.name)
	}
	return names
}

// withClashes adds the clashes to ds, which finish has made strict
// already where --strict asks; with it they fail the build.
func withClashes(strict bool, site *Site, ds, clashes diag.List) (*Site, diag.List) {
	if ds = finish(strict, append(ds, clashes...)); ds.HasErrors() {
		return nil, ds
	}
	return site, ds
}
