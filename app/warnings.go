package app

import (
	"sync"

	"github.com/whoosh-dev/whoosh/ui"
)

// warnHub delivers warnings to the running stream, holding those raised
// before it starts (while opening the source).
type warnHub struct {
	mu      sync.Mutex
	deliver func(string)
	pending []string
}

func (w *warnHub) add(err error) { w.addText(ui.Sanitize(err.Error())) }

func (w *warnHub) addText(text string) {
	w.mu.Lock()
	deliver := w.deliver
	if deliver == nil {
		w.pending = append(w.pending, text)
	}
	w.mu.Unlock()
	if deliver != nil {
		deliver(text)
	}
}

func (w *warnHub) attach(deliver func(string)) {
	w.mu.Lock()
	w.deliver = deliver
	pending := w.pending
	if deliver != nil {
		w.pending = nil
	}
	w.mu.Unlock()
	for _, t := range pending {
		if deliver != nil {
			deliver(t)
		}
	}
}
