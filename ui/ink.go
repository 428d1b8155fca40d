package ui

import (
	"io"
	"strings"
	"sync/atomic"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Ink is one of the palette's styles. Its Render returns exactly what the
// lipgloss.Style's Render returns, but for one-line text it skips the
// layout pass (margins, borders, alignment, each measuring the text) that
// lipgloss runs on every call: for a style of colours and attributes
// only, a line comes out as the style's SGR prefix, the text, and the
// reset. Those two strings are worked out once per colour profile by
// rendering probes with lipgloss itself.
type Ink struct {
	style lipgloss.Style
	r     *lipgloss.Renderer
	wrap  atomic.Pointer[inkWrap]
}

// inkWrap is what a style puts around one line of text under a profile;
// ok is false when the probes did not come out as prefix+text+suffix
// (the style does layout), and then Render always asks lipgloss.
type inkWrap struct {
	profile   termenv.Profile
	pre, post string
	ok        bool
}

func newInk(r *lipgloss.Renderer, style lipgloss.Style) *Ink {
	return &Ink{style: style, r: r}
}

// Style is the lipgloss style behind k.
func (k *Ink) Style() lipgloss.Style { return k.style }

// Render renders strs, joined by spaces, in k's style:
// k.Style().Render(strs...), byte for byte.
func (k *Ink) Render(strs ...string) string {
	s := strings.Join(strs, " ")
	if strings.ContainsAny(s, "\t\r\n") {
		return k.style.Render(s) // tabs, CRs and lines are lipgloss's business
	}
	profile := k.r.ColorProfile()
	w := k.wrap.Load()
	if w == nil || w.profile != profile {
		w = probeWrap(k.style, profile)
		k.wrap.Store(w)
	}
	if !w.ok {
		return k.style.Render(s)
	}
	return w.pre + s + w.post
}

// probeWrap renders probes with style on a renderer fixed to profile (so a
// profile change meanwhile cannot mix two profiles) and takes the prefix
// and suffix around "X" (an SGR sequence never holds an X). The other
// probes check the text really is passed through untouched: empty text,
// spaces (underline styles spaces apart), wide and escaped text.
func probeWrap(style lipgloss.Style, profile termenv.Profile) *inkWrap {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	st := style.Renderer(r)
	w := &inkWrap{profile: profile}
	out := st.Render("X")
	i := strings.IndexByte(out, 'X')
	if i < 0 || strings.Count(out, "X") != 1 {
		return w
	}
	w.pre, w.post = out[:i], out[i+1:]
	w.ok = true
	for _, p := range []string{"", " a  b ", "─┤ 日本 \x1b[1m…\x1b[0m"} {
		if st.Render(p) != w.pre+p+w.post {
			w.ok = false
		}
	}
	return w
}
