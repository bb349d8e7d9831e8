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
