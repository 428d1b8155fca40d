package app

import (
	"maps"

	"github.com/whoosh-dev/whoosh/ui"
)

// Clone returns a copy of f that can be folded into independently: its
// maps are copied, while the values they hold (histories, series, quotes,
// observations) are shared, since Apply replaces them and never changes
// them in place. A manual refresh note stays with f.
func (f *Feed) Clone() *Feed {
	c := *f
	c.Data = ui.Data{
		Histories:   maps.Clone(f.Data.Histories),
		Series:      maps.Clone(f.Data.Series),
		Quotes:      maps.Clone(f.Data.Quotes),
		Macro:       maps.Clone(f.Data.Macro),
		MacroOrigin: f.Data.MacroOrigin,
		Long:        maps.Clone(f.Data.Long),

		Intraday:        maps.Clone(f.Data.Intraday),
		IntradaySession: f.Data.IntradaySession,
	}
	c.onWindow = nil // a clone is drawn by no one the stream follows
	c.warn = maps.Clone(f.warn)
	c.Refreshed, c.RefreshNote = false, ""
	return &c
}
