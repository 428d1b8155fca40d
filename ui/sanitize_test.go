package ui

import "testing"

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tesla, Inc.", "Tesla, Inc."},
		{"日本語 ✓ ▲", "日本語 ✓ ▲"},
		{"\x1b]52;c;SGVsbG8=\x07Tesla", "Tesla"},      // OSC 52 (clipboard) with BEL
		{"\x1b]0;title\x1b\\Tesla", "Tesla"},          // OSC with ST
		{"a\x1b[2Jb\x1b[31mc\x1b[0m", "abc"},          // CSI clear screen, colours
		{"a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},            // DCS (sixel)
		{"a\u009b31mb", "ab"},                         // C1 CSI (U+009B)
		{"a\x07b\x00c\x7fd", "abcd"},                  // BEL, NUL, DEL
		{"line\nbreak\ttab\rcr", "line break tab cr"}, // layout controls become spaces
		{"evil\u202egnp.exe", "evilgnp.exe"},          // RIGHT-TO-LEFT OVERRIDE
		{"a\u2066b\u2069c\u200fd", "abcd"},            // isolates, RLM
		{"bad\xffutf8", "bad\ufffdutf8"},              // invalid UTF-8
		{"trailing\x1b", "trailing"},                  // lone ESC at the end
		{"\x1b[", ""},                                 // unterminated CSI
	}
	for _, tc := range tests {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
