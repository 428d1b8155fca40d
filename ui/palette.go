package ui

import (
	"sync/atomic"

	"github.com/charmbracelet/lipgloss"
	"github.com/guptarohit/asciigraph"
	"github.com/muesli/termenv"
)

// Palette is the one set of colours every panel uses: bits one hue, atoms
// another, gains green, losses red, stale data dim. Its styles come from a
// lipgloss.Renderer, so a renderer without colour (NO_COLOR, a pipe, a dumb
// terminal, termenv.Ascii in tests) gives plain text. They are Inks: the
// same output as the lipgloss styles, cheaper per call.
type Palette struct {
	r *lipgloss.Renderer

	Title, Bits, Atoms, Gain, Loss, Dim, Warn, Err, Badge, Selected *Ink
}

// NewPalette builds the palette on renderer r (nil means lipgloss's default
// renderer, which follows os.Stdout and NO_COLOR).
func NewPalette(r *lipgloss.Renderer) *Palette {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	s := func() lipgloss.Style { return r.NewStyle() }
	return &Palette{
		r:        r,
		Title:    newInk(r, s().Bold(true)),
		Bits:     newInk(r, s().Foreground(lipgloss.Color("39"))),
		Atoms:    newInk(r, s().Foreground(lipgloss.Color("208"))),
		Gain:     newInk(r, s().Foreground(lipgloss.Color("42"))),
		Loss:     newInk(r, s().Foreground(lipgloss.Color("203"))),
		Dim:      newInk(r, s().Foreground(lipgloss.Color("244"))),
		Warn:     newInk(r, s().Foreground(lipgloss.Color("214"))),
		Err:      newInk(r, s().Foreground(lipgloss.Color("196")).Bold(true)),
		Badge:    newInk(r, s().Bold(true).Reverse(true)),
		Selected: newInk(r, s().Reverse(true)),
	}
}

// Color reports whether the palette's renderer emits colour at all.
func (p *Palette) Color() bool { return p.r.ColorProfile() != termenv.Ascii }

// Signed colours text by the sign of v: gains green, losses red, zero and
// NaN plain.
func (p *Palette) Signed(v float64, text string) string {
	switch {
	case v > 0:
		return p.Gain.Render(text)
	case v < 0:
		return p.Loss.Render(text)
	}
	return text
}

// chartColors are the asciigraph series colours matching Bits and Atoms,
// or nil when the palette has no colour (asciigraph never checks the
// terminal itself).
func (p *Palette) chartColors(n int) []asciigraph.AnsiColor {
	if !p.Color() {
		return nil
	}
	all := []asciigraph.AnsiColor{asciigraph.AnsiColor(39), asciigraph.AnsiColor(208), asciigraph.AnsiColor(244), asciigraph.AnsiColor(42)}
	if n > len(all) {
		n = len(all)
	}
	return all[:n]
}

var current atomic.Pointer[Palette]

// pal returns the active palette.
func pal() *Palette {
	if p := current.Load(); p != nil {
		return p
	}
	p := NewPalette(nil)
	current.CompareAndSwap(nil, p)
	return current.Load()
}
