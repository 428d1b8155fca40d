package snapshot

import (
	"fmt"
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

// TestWarningsNameAFewSymbols: a long list (a deadline cutting off a
// thousand-symbol watchlist) names eight symbols and counts the rest, in
// one line a terminal can show; eight or fewer are all named.
func TestWarningsNameAFewSymbols(t *testing.T) {
	var s ui.State
	s.Status.Errors = map[string]string{}
	for i := range 12 {
		s.Status.Errors[fmt.Sprintf("E%02d", i)] = "HTTP 500"
	}
	for i := range 583 {
		s.Report.Missing = append(s.Report.Missing, fmt.Sprintf("W%04d", i))
	}
	got := Warnings(s, nil)
	want := []string{
		"E00, E01, E02, E03, E04, E05, E06, E07 and 4 more (12 symbols): HTTP 500",
		"no data for W0000, W0001, W0002, W0003, W0004, W0005, W0006, W0007 and 575 more",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Warnings =\n%q\nwant\n%q", got, want)
	}
	s.Report.Missing = s.Report.Missing[:8]
	s.Status.Errors = nil
	if got := Warnings(s, nil); len(got) != 1 || got[0] != "no data for W0000, W0001, W0002, W0003, W0004, W0005, W0006, W0007" {
		t.Errorf("eight missing: %q", got)
	}
}
