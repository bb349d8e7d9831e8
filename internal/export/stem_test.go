package export

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kljensen/snowball"
)

// russianText is the test's vocabulary: news Russian, every part of
// speech and case the stemmer's endings cover.
const russianText = `Россия заявила о готовности к переговорам с Соединёнными Штатами после того,
как Украина приняла американское предложение о тридцатидневном прекращении огня на переговорах
в Джидде. Официальный представитель министерства иностранных дел Мария Захарова сказала, что
Россия готова обсуждать инициативы США, а пресс-секретарь Кремля Дмитрий Песков подтвердил, что
американские переговорщики едут в Россию. Президент Владимир Зеленский выразил сожаление по поводу
встречи в Белом доме и заявил, что Украина готова к мирным переговорам. Соединённые Штаты
приостановили военную помощь Украине и обмен разведывательными данными, а затем возобновили их.
Украинские беспилотники атаковали нефтяные объекты под Москвой; погибли три человека, ранены
восемнадцать. Переговоров, переговоры, переговорах, переговорщиками, России, Россией, Киев, Киева,
Киеве, Киевом, Вашингтоне, ответственность, наибольшей, красивейшая, стоимостью, прекрасно, читавши,
улыбнувшись, умывшись, строившиеся, написанный, делающий, бегущая, деятельностью, прочитанных,
военнослужащих, огнём, ёлка, сильнейший, вооружённых, разведданных, перемирие, перемирия, перемирием`

// TestRussianStemmerIsSnowball checks static/js/stem.js's Russian against
// the Go Snowball module, word for word.
func TestRussianStemmerIsSnowball(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	words := strings.FieldsFunc(strings.ToLower(russianText), func(r rune) bool {
		return !(r >= 'а' && r <= 'я' || r == 'ё')
	})
	script := `var s = require(process.argv[1]).russian;
process.argv.slice(2).forEach(function (w) { console.log(s(w)); });`
	abs, _ := filepath.Abs(filepath.Join("..", "..", "static", "js", "stem.js"))
	out, err := exec.Command(node, append([]string{"-e", script, abs}, words...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	got := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(got) != len(words) {
		t.Fatalf("%d stems for %d words", len(got), len(words))
	}
	for i, w := range words {
		want, err := snowball.Stem(strings.ReplaceAll(w, "ё", "е"), "russian", true)
		if err != nil {
			t.Fatal(err)
		}
		if got[i] != want {
			t.Errorf("%s: stem.js %q, Snowball %q", w, got[i], want)
		}
	}
}

// TestUkrainianStemmer checks static/js/stem.js's Ukrainian: the forms of
// each group share one stem, and different words keep different stems.
func TestUkrainianStemmer(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	groups := [][]string{
		{"київ", "києва", "києві", "києвом", "києву"},
		{"львів", "львова", "львові", "львовом"},
		{"харків", "харкова", "харкові"},
		{"чернігів", "чернігова", "чернігові"},
		{"переговори", "переговорів", "переговорах", "переговорами"},
		{"росія", "росії", "росією", "росію"},
		{"україна", "україни", "україні", "україною", "україну"},
		{"ніч", "ночі"}, // not the doubled ніччю
		{"штати", "штатів", "штатам", "штатах"},
		{"заява", "заяви", "заяву", "заявою"},
		{"перемиря", "перемир"}, // перемир'я, its apostrophe taken out first
		{"допомога", "допомоги", "допомогу", "допомогою"},
	}
	var words []string
	for _, g := range groups {
		words = append(words, g...)
	}
	script := `var s = require(process.argv[1]).ukrainian;
process.argv.slice(2).forEach(function (w) { console.log(s(w)); });`
	abs, _ := filepath.Abs(filepath.Join("..", "..", "static", "js", "stem.js"))
	out, err := exec.Command(node, append([]string{"-e", script, abs}, words...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	stems := strings.Split(strings.TrimSpace(string(out)), "\n")
	byStem := map[string]int{}
	i := 0
	for gi, g := range groups {
		first := stems[i]
		for _, w := range g {
			if stems[i] != first {
				t.Errorf("%s: stem %q, but %s: %q", w, stems[i], g[0], first)
			}
			i++
		}
		if other, ok := byStem[first]; ok {
			t.Errorf("%s and %s share the stem %q", g[0], groups[other][0], first)
		}
		byStem[first] = gi
	}
}
