package termsafe

import "testing"

// The behaviour is tested through ui.Sanitize (ui/sanitize_test.go and its
// fuzz target); this checks what only this package can see.
func TestIsClean(t *testing.T) {
	for s, want := range map[string]bool{
		"":                  true,
		"Tesla, Inc.":       true,
		"日本語 ✓ ▲":           true,
		"a\x1b[31m":         false,
		"tab\there":         false,
		"a\u009bb":          false, // C1 as a rune
		"a\x9bb":            false, // C1 as a raw byte
		"bad\xff":           false,
		"évil\u202egnp.exe": false,
		"x\x7f":             false,
	} {
		if got := isClean(s); got != want {
			t.Errorf("isClean(%q) = %v, want %v", s, got, want)
		}
		if want && Sanitize(s) != s {
			t.Errorf("Sanitize changed clean %q", s)
		}
	}
}
