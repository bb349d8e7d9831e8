package i18n

import "strings"

// Plural categories of CLDR's cardinal rules, for whole numbers.
const (
	Zero  = "zero"
	One   = "one"
	Two   = "two"
	Few   = "few"
	Many  = "many"
	Other = "other"
)

// Categories are the plural categories a language distinguishes among
// whole numbers, in the order its plural strings give their forms.
func Categories(code string) []string {
	switch base(code) {
	case "uk", "ru", "be", "pl", "hr", "sr", "bs":
		return []string{One, Few, Many}
	case "ar":
		return []string{Zero, One, Two, Few, Many, Other}
	case "ja", "zh", "ko", "vi", "th", "id", "ms", "tr", "ka", "fa":
		return []string{Other}
	case "he":
		return []string{One, Two, Other}
	}
	return []string{One, Other}
}

func base(code string) string {
	b, _, _ := strings.Cut(code, "-")
	return b
}

// PluralCategory is CLDR's cardinal category of the whole number n.
func PluralCategory(code string, n int) string {
	if n < 0 {
		n = -n
	}
	mod10, mod100 := n%10, n%100
	switch base(code) {
	case "uk", "ru", "be", "hr", "sr", "bs":
		switch {
		case mod10 == 1 && mod100 != 11:
			return One
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return Few
		}
		return Many
	case "pl":
		switch {
		case n == 1:
			return One
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return Few
		}
		return Many
	case "ar":
		switch {
		case n == 0:
			return Zero
		case n == 1:
			return One
		case n == 2:
			return Two
		case mod100 >= 3 && mod100 <= 10:
			return Few
		case mod100 >= 11 && mod100 <= 99:
			return Many
		}
		return Other
	case "ja", "zh", "ko", "vi", "th", "id", "ms", "tr", "ka", "fa":
		return Other
	case "he":
		switch n {
		case 1:
			return One
		case 2:
			return Two
		}
		return Other
	case "fr", "pt":
		if n <= 1 {
			return One
		}
		return Other
	}
	if n == 1 {
		return One
	}
	return Other
}
