package snapshot

import (
	"reflect"
	"testing"

	"github.com/whoosh-dev/whoosh/ui"
)

func TestWarningsGroupSymbolsWithTheSameError(t *testing.T) {
	var s ui.State
	s.Status.Errors = map[string]string{
		"TSLA": "connection refused",
		"AMZN": "connection refused",
		"ZZZZ": "unknown symbol",
		"GM":   "connection refused",
	}
	got := Warnings(s, []string{"macro: fred down"})
	want := []string{
		"AMZN, GM, TSLA (3 symbols): connection refused",
		"ZZZZ: unknown symbol",
		"macro: fred down",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings =\n%q\nwant\n%q", got, want)
	}
}
