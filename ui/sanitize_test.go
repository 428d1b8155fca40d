package ui

import (
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tesla, Inc.", "Tesla, Inc."},
		{"日本語 ✓ ▲", "日本語 ✓ ▲"},
		{"\x1b]52;c;SGVsbG8=\x07Tesla", "Tesla"},      // OSC 52 (clipboard) with BEL
		{"\x1b]0;title\x1b\\Tesla", "Tesla"},          // OSC with ST
		{"a\x1b[2Jb\x1b[31mc\x1b[0m", "abc"},          // CSI clear screen, colours
		{"a\x1b[38;5;196;1mb\x1b[?25lc", "abc"},       // CSI 256 colours, private mode
		{"a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},            // DCS (sixel)
		{"a\x1bXsos\x1b\\b\x1b^pm\x1b\\c", "abc"},     // SOS, PM
		{"a\x1b_Gf=24;payload\x1b\\b", "ab"},          // APC (kitty graphics)
		{"a\u009b31mb", "ab"},                         // C1 CSI (U+009B)
		{"a\u009d52;c;ZXZpbA==\u009cb", "ab"},         // C1 OSC, C1 ST
		{"a\u0090q#0\u009cb\u0098x\u009cc", "abc"},    // C1 DCS, SOS
		{"a\x07b\x00c\x7fd", "abcd"},                  // BEL, NUL, DEL
		{"line\nbreak\ttab\rcr", "line break tab cr"}, // layout controls become spaces
		{"evil\u202egnp.exe", "evilgnp.exe"},          // RIGHT-TO-LEFT OVERRIDE
		{"a\u2066b\u2069c\u200fd", "abcd"},            // isolates, RLM
		{"bad\xffutf8", "bad\ufffdutf8"},              // invalid UTF-8
		{"trailing\x1b", "trailing"},                  // lone ESC at the end
		{"\x1b[", ""},                                 // unterminated CSI
		{"a\x1b(Bb\x1b7c\x1bcd\x1b#8e", "abcde"},      // ESC + intermediates + final, ESC + final

		// Residue: nothing of a stripped sequence may be left behind.
		{"a\x9d52;c;ZXZpbA==\x9cb", "ab"},                 // raw 8-bit OSC and ST bytes
		{"a\x9b31mb\x9b2Jc", "abc"},                       // raw 8-bit CSI bytes
		{"a\x90q#0;2\x9cb", "ab"},                         // raw 8-bit DCS
		{"\x1b\x1b]52;c;ZXZpbA==\x07x", "x"},              // ESC ESC: the second starts the OSC
		{"a\x1bP\x1b]52;c;ZXZpbA==\x07b", "ab"},           // ESC inside DCS starts a new sequence
		{"a\x1b]0;t\x1b[31mb", "ab"},                      // OSC broken off by a CSI
		{"a\x1b[3\x1b]52;c;eA==\x07b", "ab"},              // CSI broken off by an OSC
		{"a\x1b[3\n1mb", "ab"},                            // C0 inside CSI: the terminal goes on
		{"a\x1b[3\x7f1mb", "ab"},                          // DEL inside CSI
		{"a\x1b[31\x18mb", "amb"},                         // CAN cancels the CSI
		{"a\x1b]52;c;ZXZp\x1abA==", "abA=="},              // SUB cancels the OSC
		{"a\x1b]52;c;ZX\nZpbA==\x07b", "ab"},              // a line break is OSC body
		{"a\x1b\u00e9b", "aéb"},                           // ESC + non-ASCII: only ESC goes
		{"Evil\x1b]52;c;aGk=\x07Corp\x1b[2J", "EvilCorp"}, // the provider test's name
	}
	for _, tc := range tests {
		if got := Sanitize(tc.in); got != tc.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestSanitizeNoResidue: an OSC 52 payload hidden in any of the ways above
// leaves none of its text, whatever surrounds it.
func TestSanitizeNoResidue(t *testing.T) {
	const payload = "52;c;ZXZpbA=="
	for _, intro := range []string{"\x1b]", "\u009d", "\x9d", "\x1b\x1b]", "\x1bP\x1b]", "\x1b[1\x1b]"} {
		for _, end := range []string{"\x07", "\x1b\\", "\u009c", "\x9c", ""} {
			in := "error: " + intro + payload + end + " done"
			got := Sanitize(in)
			if strings.Contains(got, "52;") || strings.Contains(got, "ZXZpbA") || strings.Contains(got, "]") {
				t.Errorf("Sanitize(%q) = %q: residue", in, got)
			}
		}
	}
}
