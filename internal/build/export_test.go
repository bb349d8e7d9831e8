package build

// PageKeys gives, for each page and oEmbed file of res, in every
// language, that names its inputs, the key made from them and the sum of
// the page's data or the file's content, which it stands for.
func PageKeys(res *Result) map[string][2]uint64 {
	keys := map[string][2]uint64{}
	for i := range res.Site.products {
		if o := &res.Site.products[i]; o.page != nil && o.page.Inputs != nil {
			key, _ := o.pageKey(res.Site.sums)
			keys[o.name] = [2]uint64{key, res.Site.sums.Sum(o.page.Data())}
		}
	}
	for _, l := range res.Site.Languages {
		for _, f := range l.Planner.OEmbedFiles() {
			keys[f.Name] = [2]uint64{res.Site.sums.Key(f.Name, f.Inputs, l.versions), res.Site.sums.Sum(f.OEmbed())}
		}
	}
	return keys
}

// File renders the one file name of site, as Write would: a test that
// reads two pages of a large site need not render them all.
func File(site *Site, name string) ([]byte, bool) {
	for i := range site.products {
		o := &site.products[i]
		switch {
		case o.name != name:
		case o.page != nil:
			b, err := site.Theme.Render(o.page.Data())
			return b, err == nil
		case !o.folder():
			return o.bytes(), true
		}
	}
	return nil, false
}

// FileState is what res holds of the file or folder name: the same value
// after a rebuild means the rebuild kept it rather than made it again.
func FileState(res *Result, name string) any {
	st, _ := res.files.get(name)
	return st
}
