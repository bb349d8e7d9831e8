package i18n

import (
	"strconv"
	"strings"
	"time"

	"github.com/timelinegen/timelinegen/internal/date"
)

// months are a language's CLDR month names: format (the case a day's
// date takes: Ukrainian "11 березня"), stand-alone (a month on its own:
// "березень 2025") and abbreviated stand-alone (chart labels).
type months struct {
	format, standalone, short [12]string
	// digits, when set, are the language's own digits 0-9 (CLDR's default
	// numbering system: Arabic-Indic for ar).
	digits *[10]string
	comma  string // between a date and its time
}

func monthsOf(code string) *months {
	switch base(code) {
	case "uk":
		return &months{
			format:     [12]string{"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"},
			standalone: [12]string{"січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень", "вересень", "жовтень", "листопад", "грудень"},
			short:      [12]string{"січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд."},
			comma:      ", ",
		}
	case "ru":
		return &months{
			format:     [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
			standalone: [12]string{"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"},
			short:      [12]string{"янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.", "окт.", "нояб.", "дек."},
			comma:      ", ",
		}
	case "ar":
		names := [12]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
		return &months{format: names, standalone: names, short: names,
			digits: &[10]string{"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"}, comma: "، "}
	}
	m := &months{comma: ", "}
	for i := range 12 {
		name := time.Month(i + 1).String()
		m.format[i], m.standalone[i], m.short[i] = name, name, name[:3]
	}
	return m
}

func (m *months) digit(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteString(m.digits[r-'0'])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (l *Locale) num(s string) string {
	if l.months.digits == nil {
		return s
	}
	return l.months.digit(s)
}

// Date is d as this language shows it, at its precision: "2025",
// "березень 2025", "11 березня 2025", "11 березня 2025, 14:30 UTC+02:00".
func (l *Locale) Date(d date.Date) string {
	s := l.plainDate(d)
	if d.Qualifier.IsApproximate() {
		s = l.F("date_approx", s)
	}
	if d.Qualifier.IsUncertain() {
		s = l.F("date_uncertain", s)
	}
	return s
}

// plainDate is Date without the qualifier.
func (l *Locale) plainDate(d date.Date) string {
	m := l.months
	switch d.Precision {
	case date.Year:
		return l.num(itoa(d.Year))
	case date.Month:
		return l.MonthYear(d.Year, d.Month)
	case date.Day:
		return l.num(itoa(d.Day)) + " " + m.format[d.Month-1] + " " + l.num(itoa(d.Year))
	case date.Time:
		clock := d.Clock.Format("15:04")
		if d.Clock.Second() != 0 {
			clock = d.Clock.Format("15:04:05")
		}
		zone := "UTC"
		if _, off := d.Clock.Zone(); off != 0 {
			zone += d.Clock.Format("-07:00")
		}
		return l.num(itoa(d.Day)) + " " + m.format[d.Month-1] + " " + l.num(itoa(d.Year)) + m.comma + l.num(clock) + " " + zone
	}
	return ""
}

// MonthYear is a month on its own, "March 2025", "березень 2025".
func (l *Locale) MonthYear(year int, month time.Month) string {
	return l.months.standalone[month-1] + " " + l.num(itoa(year))
}

// ShortMonth is a month's abbreviated name, for chart labels.
func (l *Locale) ShortMonth(month time.Month) string { return l.months.short[month-1] }

// Year is a year number as the language writes it.
func (l *Locale) Year(year int) string { return l.num(itoa(year)) }

func itoa(n int) string { return strconv.Itoa(n) }
