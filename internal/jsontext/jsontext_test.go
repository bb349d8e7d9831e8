package jsontext

import (
	"bytes"
	"encoding/json"
	"testing"
)

// encodingJSON is what AppendString must match: encoding/json's string,
// HTML left as it is.
func encodingJSON(t *testing.T, s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func FuzzAppendStringIsEncodingJSON(f *testing.F) {
	for _, s := range []string{"", "plain", `q"uo\te`, "line\nbreak\ttab\x01\b\f\x7f", "<a&b>", "Київ – «мир»", "bad\xffutf8\xc3", "sep\u2028x\u2029"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := AppendString([]byte("x"), s), append([]byte("x"), encodingJSON(t, s)...); !bytes.Equal(got, want) {
			t.Errorf("%q: %s, encoding/json %s", s, got, want)
		}
	})
}

func TestAppendStrings(t *testing.T) {
	want, _ := json.Marshal([]string{"a", "b\"c", ""})
	if got := AppendStrings(nil, []string{"a", "b\"c", ""}); !bytes.Equal(got, want) {
		t.Errorf("%s, want %s", got, want)
	}
	if got := AppendStrings(nil, nil); string(got) != "[]" {
		t.Errorf("%s, want []", got)
	}
}
