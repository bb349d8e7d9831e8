package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		// ASCII.
		{"United States", "united-states"},
		{"Saudi Arabia", "saudi-arabia"},
		{"Kryvyi Rih", "kryvyi-rih"},
		{"  --Hello, World!-- ", "hello-world"},
		{"jeddah-talks", "jeddah-talks"},
		{"G7 summit 2025", "g7-summit-2025"},
		{"UN Security Council (UNSC)", "un-security-council-unsc"},
		{"rock 'n' roll", "rock-n-roll"},
		{"Don’t stop", "dont-stop"},
		{"a_b.c/d", "a-b-c-d"},
		// Latin letters lose their marks.
		{"São Paulo", "sao-paulo"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"Zürich", "zurich"},
		{"Tromsø", "tromso"},
		{"Ærøskøbing", "aeroskobing"},
		{"Işıklar", "isiklar"},
		{"İstanbul", "istanbul"},
		{"Timișoara", "timisoara"},
		{"Œuvre", "oeuvre"},
		{"Čačak", "cacak"},
		{"Besançon", "besancon"},
		{"re\u0301sume\u0301", "resume"}, // decomposed accents
		// Ukrainian, KMU 2010.
		{"Київ", "kyiv"},
		{"Харків", "kharkiv"},
		{"Запоріжжя", "zaporizhzhia"},
		{"Львів", "lviv"},
		{"Дніпро", "dnipro"},
		{"Битва за Київ", "bytva-za-kyiv"},
		{"Кривий Ріг", "kryvyi-rih"},
		{"Одеса", "odesa"},
		{"Щербухи", "shcherbukhy"},
		{"Ґалаґан", "galagan"},
		{"Знам’янка", "znamianka"},
		{"Знам'янка", "znamianka"},
		{"Розгон", "rozghon"},
		{"Згорани", "zghorany"},
		// Word-initial є, ї, й, ю, я.
		{"Єнакієве", "yenakiieve"},
		{"Їжакевич", "yizhakevych"},
		{"Йосипівка", "yosypivka"},
		{"Юрій", "yurii"},
		{"Яготин", "yahotyn"},
		{"Гадяч", "hadiach"},
		{"Стрий", "stryi"},
		{"Олексій Іванович", "oleksii-ivanovych"},
		{"Київ Їжакевич", "kyiv-yizhakevych"},
		{"Ки\u0456\u0308в", "kyiv"},   // decomposed ї
		{"\u0456\u0308жак", "yizhak"}, // decomposed ї at word start
		{"Стри\u0438\u0306", "stryi"}, // decomposed й
		// Russian letters.
		{"Москва", "moskva"},
		{"Белгород", "belhorod"},
		{"Курск", "kursk"},
		{"Объект", "obekt"},
		{"Рыбинск", "rybynsk"}, // и is y, as in Ukrainian,
		{"Электросталь", "elektrostal"},
		{"Королёв", "korolev"},
		// Mixed and unmapped scripts.
		{"Tokyo 東京 2025", "tokyo-2025"},
		{"abc東def", "abc-def"},
		{"東京", "x-68dea76f"},
		{" 東京 ", "x-68dea76f"},
		{"!!!", "x-2d53a722"},
		// Nothing at all.
		{"", ""},
		{" \t\n", ""},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMakeHashIsStable(t *testing.T) {
	a, b := Make("東京"), Make("大阪")
	if a == b {
		t.Errorf("different names share the fallback slug %q", a)
	}
	if !strings.HasPrefix(a, "x-") || len(a) != len("x-")+8 || !Valid(a) {
		t.Errorf("fallback slug %q is not x- and 8 hex digits", a)
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"kyiv", true},
		{"jeddah-talks", true},
		{"g7", true},
		{"2025", true},
		{"a", true},
		{"a--b", true},
		{"", false},
		{"-kyiv", false},
		{"kyiv-", false},
		{"-", false},
		{"Kyiv", false},
		{"kyiv_talks", false},
		{"kyiv talks", false},
		{"київ", false},
		{"kyiv#event", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzMake checks Make's contract: the result is empty exactly when the
// input is all white space, and otherwise a valid slug that Make keeps.
func FuzzMake(f *testing.F) {
	for _, s := range []string{"United States", "Битва за Київ", "Łódź", "東京", "", " ", "--", "a\u0306", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Make(s)
		if blank := strings.TrimSpace(s) == ""; blank != (got == "") {
			t.Fatalf("Make(%q) = %q: empty result must mean blank input", s, got)
		}
		if got == "" {
			return
		}
		if !Valid(got) || strings.Contains(got, "--") {
			t.Fatalf("Make(%q) = %q, not a clean slug", s, got)
		}
		if again := Make(got); again != got {
			t.Fatalf("Make(%q) = %q, but Make of that is %q", s, got, again)
		}
		if Reserved(got) {
			t.Fatalf("Make(%q) = %q, a name Windows keeps for a device", s, got)
		}
		// What the importer makes of an id or a headline.
		if cut := Cut(got, MaxLen); !Usable(cut) {
			t.Fatalf("Cut(Make(%q)) = %q, which check refuses", s, cut)
		}
	})
}

func TestReservedNamesOnWindows(t *testing.T) {
	for s, want := range map[string]bool{"con": true, "nul": true, "com1": true, "LPT9": true, "aux.txt": true, "prn": true,
		"cons": false, "com": false, "com10": false, "nul-1": false, "lpt": false} {
		if Reserved(s) != want {
			t.Errorf("Reserved(%q) = %v", s, !want)
		}
	}
	for name, want := range map[string]string{"Con": "con-1", "NUL": "nul-1", "COM 1": "com-1", "Aux": "aux-1"} {
		if got := Make(name); got != want {
			t.Errorf("Make(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestUsableAndCut(t *testing.T) {
	for s, want := range map[string]bool{"jeddah-talks": true, "con": false, "lpt9": false, "-x": false, strings.Repeat("a", MaxLen): true, strings.Repeat("a", MaxLen+1): false} {
		if Usable(s) != want {
			t.Errorf("Usable(%q) = %v", s, !want)
		}
	}
	for in, want := range map[string]string{"con": "con-1", "talks-in-jeddah": "talks-in", "talks": "talks", "aux-talks": "aux-talks"} {
		if got := Cut(in, 10); got != want {
			t.Errorf("Cut(%q, 10) = %q, want %q", in, got, want)
		}
	}
}

func TestCutKeepsOffReservedNames(t *testing.T) {
	if got := Cut("aux-talks", 5); got != "aux-1" {
		t.Errorf("Cut(aux-talks, 5) = %q", got)
	}
}
