package ui

import (
	"io"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// inkInputs are texts for the palette's styles: empty, spaced, wide,
// already styled (kept as is), and the ones Ink hands to lipgloss
// (newlines, tabs, CRs).
var inkInputs = []string{
	"", "x", " a  b ", "+1.23%", "─┤ 日本 ❤\ufe0f", "\x1b[1mbold\x1b[0m tail",
	"two\nlines", "tab\there", "cr\r\nlf", "trailing\n",
}

// TestInkMatchesStyle checks every palette Ink against its lipgloss style
// under every colour profile, on one palette whose renderer switches
// profile between rounds (the cached wrap must follow), and by hand for
// one case: Gain under ANSI256 is "\x1b[38;5;42m" + text + "\x1b[0m".
func TestInkMatchesStyle(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	p := NewPalette(r)
	inks := map[string]*Ink{
		"Title": p.Title, "Bits": p.Bits, "Atoms": p.Atoms, "Gain": p.Gain, "Loss": p.Loss,
		"Dim": p.Dim, "Warn": p.Warn, "Err": p.Err, "Badge": p.Badge, "Selected": p.Selected,
	}
	for _, prof := range []termenv.Profile{termenv.ANSI256, termenv.Ascii, termenv.TrueColor, termenv.ANSI, termenv.ANSI256} {
		r.SetColorProfile(prof)
		for name, k := range inks {
			for _, in := range inkInputs {
				if got, want := k.Render(in), k.Style().Render(in); got != want {
					t.Errorf("profile %v %s.Render(%q) = %q, lipgloss %q", prof, name, in, got, want)
				}
			}
			if got, want := k.Render("a", "b"), k.Style().Render("a", "b"); got != want {
				t.Errorf("profile %v %s.Render(a, b) = %q, lipgloss %q", prof, name, got, want)
			}
		}
	}
	r.SetColorProfile(termenv.ANSI256)
	if got, want := p.Gain.Render("+1%"), "\x1b[38;5;42m+1%\x1b[0m"; got != want {
		t.Errorf("Gain.Render = %q, want %q", got, want)
	}
}

// TestInkLayoutStyleFallsBack: a style whose output depends on the text
// beyond wrapping it (underlined spaces, a width, a border) fails the
// probes, so Ink leaves it all to lipgloss. (A fixed left padding does
// not: it is part of the prefix, which the first case checks.)
func TestInkLayoutStyleFallsBack(t *testing.T) {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	pad := r.NewStyle().Foreground(lipgloss.Color("42")).PaddingLeft(1)
	if got, want := newInk(r, pad).Render("x"), " \x1b[38;5;42mx\x1b[0m"; got != want {
		t.Errorf("padded Render = %q, want %q", got, want)
	}
	for _, st := range []lipgloss.Style{
		r.NewStyle().Underline(true),
		r.NewStyle().Width(8),
		r.NewStyle().Border(lipgloss.NormalBorder()),
	} {
		k := newInk(r, st)
		for _, in := range inkInputs {
			if got, want := k.Render(in), st.Render(in); got != want {
				t.Errorf("Render(%q) = %q, lipgloss %q", in, got, want)
			}
		}
		if w := k.wrap.Load(); w == nil || w.ok {
			t.Errorf("style %v: wrap %+v, want probed and not ok", st, w)
		}
	}
}
