package build

// PageKeys gives, for each page of res that has a shortcut key, the
// shortcut and the sum of the page's data, which it stands for.
func PageKeys(res *Result) map[string][2]uint64 {
	keys := map[string][2]uint64{}
	for _, sp := range res.Site.Planner.Pages() {
		if sp.Key != nil {
			keys[sp.File] = [2]uint64{sp.Key(), res.Site.sums.Sum(sp.Data())}
		}
	}
	return keys
}
