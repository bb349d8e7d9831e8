package pages

import (
	"strings"

	"github.com/timelinegen/timelinegen/internal/charts"
	"github.com/timelinegen/timelinegen/internal/i18n"
)

// Option configures a Planner.
type Option func(*Planner)

// Language is one of a site's languages as its pages link to it.
type Language struct {
	Code, Label string
	Dir         string // "ltr" or "rtl"
	// Prefix is where its pages live under the base path: "" for the
	// default language, "uk/" for the others.
	Prefix string
}

// InLanguage makes the pages of one language of a site of several:
// loc says the words, lang is this language among all (the default
// first), which every page links to as alternates.
func InLanguage(loc *i18n.Locale, lang Language, all []Language) Option {
	return func(p *Planner) {
		p.loc, p.lang, p.langs = loc, lang, all
	}
}

// WithBasemaps shares the basemaps drawn for maps between the planners of
// a build's languages.
func WithBasemaps(b *charts.Basemaps) Option {
	return func(p *Planner) { p.basemaps = b }
}

// Alternate is the same page in another language.
type Alternate struct {
	Code, Label string
	URL         string // URL path
	Absolute    string
	Current     bool
}

// alternates are the page at rel (relative to a language's root) in
// every language.
func (p *Planner) alternates(rel string) []Alternate {
	if len(p.langs) < 2 {
		return nil
	}
	out := make([]Alternate, len(p.langs))
	for i, l := range p.langs {
		u := p.urls.In(l.Prefix).Page(rel)
		out[i] = Alternate{Code: l.Code, Label: l.Label, URL: u, Absolute: p.absolute(u), Current: l.Code == p.lang.Code}
	}
	return out
}

// originalLang is the originals' language when the pages are in another,
// for the words a translation does not carry (corrections, captions).
func (p *Planner) originalLang() string {
	if p.lang.Code == p.cfg.Language {
		return ""
	}
	return p.cfg.Language
}

// t and f are interface strings in the page's language.
func (p *Planner) t(key string) string { return p.loc.T(key) }

func (p *Planner) f(key string, args ...any) string { return p.loc.F(key, args...) }

// num is a number as the language writes it.
func (p *Planner) num(n int) string { return p.loc.Number(n) }

// name is an actor, place or tag as the page's language writes it.
func (p *Planner) name(section, name string) string {
	switch section {
	case "actors":
		return p.loc.Actor(name)
	case "places":
		return p.loc.Place(name)
	case "tags":
		return p.loc.Tag(name)
	}
	return name
}

// nameLang is the language an actor's, place's or tag's name is shown in
// when that is not the page's: the original's, for a name the page's
// language file does not translate.
func (p *Planner) nameLang(section, name string) string {
	orig := p.originalLang()
	if orig == "" {
		return ""
	}
	var names map[string]string
	switch section {
	case "actors":
		names = p.loc.Actors
	case "places":
		names = p.loc.Places
	case "tags":
		names = p.loc.Tags
	default:
		return ""
	}
	if _, ok := names[name]; ok {
		return ""
	}
	return orig
}

// upperFirst capitalises a phrase used at the start of a sentence.
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
