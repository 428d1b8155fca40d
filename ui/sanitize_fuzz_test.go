package ui

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSanitize checks the sanitizer's promises on any input: the output
// holds no C0 control, DEL, C1 control or ESC, is valid UTF-8, and
// sanitizing it again changes nothing.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{
		"",
		"Apple Inc.",
		"Tesla, Inc.\x1b]52;c;SGVsbG8=\x07",
		"\x1b[2J\x1b[HNVIDIA",
		"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\",
		"\x1bP1;2|payload\x1b\\after",
		"\x9b31mred\x9d0;title\x9c",
		"tab\there\nnewline\rcr\x7fdel",
		"\x1b[31",
		"\x1b(B\x1b7\x1bc",
		"caf\xc3\xa9 \xff\xfe broken",
		"\u00a0nbsp \u2028 line sep",
		"\x9d52;c;ZXZpbA==\x9c raw 8-bit",
		"\x1b\x1b]52;c;x\x07\x1bP\x1b]0;t\x1b\\",
		"\x1b[3\n1m\x1b[31\x18m\x1b]x\x1ay",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q: invalid UTF-8", in, out)
		}
		for i := 0; i < len(out); i++ {
			if c := out[i]; c < 0x20 || c == 0x7f {
				t.Fatalf("Sanitize(%q) = %q: control byte %#x at %d", in, out, c, i)
			}
		}
		for _, r := range out {
			if r >= 0x80 && r < 0xa0 {
				t.Fatalf("Sanitize(%q) = %q: C1 control %U", in, out, r)
			}
		}
		if strings.ContainsRune(out, 0x1b) {
			t.Fatalf("Sanitize(%q) = %q: ESC left", in, out)
		}
		if again := Sanitize(out); again != out {
			t.Fatalf("not idempotent: Sanitize(%q) = %q, again %q", in, out, again)
		}
		if len(out) > 3*len(in) {
			// Each input byte yields at most one rune of ≤ 3 bytes (U+FFFD).
			t.Fatalf("Sanitize(%q) grew to %d bytes", in, len(out))
		}
	})
}
