package ui

import (
	"sort"
	"strings"
)

// Problems lists, one entry each and in words, everything that is wrong
// with the data on screen: warnings (fallbacks, a source down, macro
// series that failed), a config error, and the per-symbol errors grouped
// by cause. Empty when all is well.
func Problems(s State) []string {
	st := s.Status
	var out []string
	out = append(out, st.Warnings...)
	for _, e := range st.ConfigErrors() {
		out = append(out, "config: "+e+" (keeping the last good config)")
	}
	bySym := map[string][]string{}
	var msgs []string
	syms := make([]string, 0, len(st.Errors))
	for sym := range st.Errors {
		syms = append(syms, sym)
	}
	sort.Strings(syms)
	for _, sym := range syms {
		msg := st.Errors[sym]
		if bySym[msg] == nil {
			msgs = append(msgs, msg)
		}
		bySym[msg] = append(bySym[msg], sym)
	}
	for _, msg := range msgs {
		out = append(out, strings.Join(bySym[msg], ", ")+": "+msg)
	}
	if st.Stale {
		out = append(out, "stale: "+strings.TrimPrefix(staleText(s), "STALE: ")+" (older than the last session that closed)")
	}
	for i := range out {
		out[i] = Sanitize(out[i])
	}
	return out
}

// ProblemsPanel is the full list of Problems, each wrapped at word
// boundaries, for the dashboard's ! view.
func ProblemsPanel(s State, width, height int) string {
	p := pal()
	probs := Problems(s)
	lines := []string{p.Title.Render("Problems") + " · ! or esc closes"}
	if len(probs) == 0 {
		lines = append(lines, "", "Nothing wrong: every symbol has data from its source.")
	}
	for _, pr := range probs {
		lines = append(lines, "")
		for i, l := range wrap(pr, max(width-2, 10)) {
			prefix := "  "
			if i == 0 {
				prefix = "! "
			}
			lines = append(lines, p.Warn.Render(prefix+l))
		}
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// ConfigErrors returns the config reload errors, one per problem.
func (s Status) ConfigErrors() []string {
	if s.ConfigError == "" {
		return nil
	}
	var out []string
	for _, l := range strings.Split(s.ConfigError, "\n") {
		if l = strings.TrimSpace(Sanitize(l)); l != "" {
			out = append(out, l)
		}
	}
	return out
}
