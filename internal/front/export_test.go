package front

// What the external tests, which may import the packages that write
// frontmatter, compare.
var (
	FastYAML = fastYAML
	YAMLv3   = yamlV3
)

// YAMLBlock gives the frontmatter of an article file as Split decodes it,
// with the file line it starts on; false when it has no YAML block.
func YAMLBlock(src []byte) (raw []byte, first int, ok bool) {
	if len(src) >= len(bom) && string(src[:len(bom)]) == string(bom) {
		src = src[len(bom):]
	}
	line, opener := firstLine(src)
	if opener != "---" {
		return nil, 0, false
	}
	raw, _, ok = cutBlock(src, opener)
	return raw, line + 1, ok
}
